package org.forkline.web.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.forkline.web.internal.testing.TestLoginModule;
import org.junit.jupiter.api.Test;

class JaasAuthenticatorTest {

    private final JaasAuthenticator authenticator = new JaasAuthenticator(TestLoginModule.configuration("karaf"));

    @Test
    void aGoodLoginYieldsTheUserAndTheRolePrincipals() {
        assertThat(authenticator.login("karaf", new BasicCredentials("victor", "victor-secret")))
                .contains(new AuthenticatedUser("victor", java.util.Set.of("viewer")));
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertThat(authenticator.login("karaf", new BasicCredentials("victor", "nope"))).isEmpty();
        assertThat(authenticator.login("karaf", new BasicCredentials("mallory", "x"))).isEmpty();
    }

    @Test
    void anUnknownRealmRefusesEverybody() {
        assertThat(authenticator.realmExists("other")).isFalse();
        assertThat(authenticator.login("other", new BasicCredentials("karaf", "karaf"))).isEmpty();
        assertThat(authenticator.realmExists("karaf")).isTrue();
    }
}
