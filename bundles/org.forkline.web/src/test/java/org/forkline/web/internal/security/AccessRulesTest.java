package org.forkline.web.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessRulesTest {

    private final AccessRules rules = AccessRules.parse(" viewer , auditor,", "admin");

    @Test
    void parsesCommaSeparatedRolesIgnoringBlanks() {
        assertThat(rules.viewerRoles()).containsExactlyInAnyOrder("viewer", "auditor");
        assertThat(rules.adminRoles()).containsExactly("admin");
        assertThat(AccessRules.parse(null, "").adminRoles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "PUT", "DELETE", "POST"})
    void permitAllIsOpenToAnonymousCallersWhateverTheMethod(String method) {
        assertThat(rules.decide(true, method, null)).isEqualTo(AccessDecision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT"})
    void anonymousCallersMustLogInElsewhere(String method) {
        assertThat(rules.decide(false, method, null)).isEqualTo(AccessDecision.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void anyViewerRoleMayRead(String method) {
        assertThat(rules.decide(false, method, Set.of("auditor"))).isEqualTo(AccessDecision.ALLOW);
        assertThat(rules.decide(false, method, Set.of("viewer", "other"))).isEqualTo(AccessDecision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "POST", "PATCH"})
    void changingNeedsAnAdminRole(String method) {
        assertThat(rules.decide(false, method, Set.of("viewer"))).isEqualTo(AccessDecision.FORBIDDEN);
        assertThat(rules.decide(false, method, Set.of("admin"))).isEqualTo(AccessDecision.ALLOW);
    }

    @Test
    void anAdminMayAlsoReadEvenWhenNotListedAsViewer() {
        assertThat(rules.decide(false, "GET", Set.of("admin"))).isEqualTo(AccessDecision.ALLOW);
    }

    @Test
    void aLoggedInUserWithoutRolesIsForbidden() {
        assertThat(rules.decide(false, "GET", Set.of())).isEqualTo(AccessDecision.FORBIDDEN);
    }

    @Test
    void namesTheRolesAMethodNeeds() {
        assertThat(rules.requiredRolesFor("PUT")).isEqualTo("admin");
        assertThat(rules.requiredRolesFor("GET")).isEqualTo("admin, viewer, auditor");
        assertThat(AccessRules.parse("", "").requiredRolesFor("PUT")).isEqualTo("(no role is configured)");
    }

    @Test
    void canViewTakesARoleTest() {
        assertThat(rules.canView("viewer"::equals)).isTrue();
        assertThat(rules.canView("guest"::equals)).isFalse();
        assertThat(rules.canChange("viewer"::equals)).isFalse();
    }
}
