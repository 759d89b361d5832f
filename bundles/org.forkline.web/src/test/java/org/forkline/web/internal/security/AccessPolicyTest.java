package org.forkline.web.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.forkline.web.internal.testing.TestLoginModule;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private final JaasAuthenticator authenticator = new JaasAuthenticator(TestLoginModule.configuration("karaf"));

    @Test
    void detectsThatTheRealmStillAcceptsKarafsDefaultLogin() {
        AccessPolicy policy = new AccessPolicy(authenticator, "karaf", AccessRules.parse("viewer", "admin"));

        assertThat(policy.acceptsDefaultLogin()).isTrue();
    }

    @Test
    void aRealmWithoutTheDefaultLoginIsNotFlagged() {
        AccessPolicy policy = new AccessPolicy(
                new JaasAuthenticator(TestLoginModule.configurationWithoutKaraf("karaf")), "karaf",
                AccessRules.parse("viewer", "admin"));

        assertThat(policy.acceptsDefaultLogin()).isFalse();
        assertThat(policy.authenticate(new BasicCredentials("alice", "alice-secret"))).isPresent();
    }

    @Test
    void aMissingRealmAcceptsNobody() {
        AccessPolicy policy = new AccessPolicy(authenticator, "elsewhere", AccessRules.parse("viewer", "admin"));

        assertThat(policy.acceptsDefaultLogin()).isFalse();
        assertThat(policy.authenticate(new BasicCredentials("alice", "alice-secret"))).isEmpty();
    }

    @Test
    void aBlankRealmMeansKaraf() {
        AccessPolicy policy = new AccessPolicy(authenticator, "  ", AccessRules.parse("viewer", "admin"));

        assertThat(policy.realm()).isEqualTo("karaf");
        assertThat(policy.authenticate(new BasicCredentials("alice", "alice-secret"))).isPresent();
    }
}
