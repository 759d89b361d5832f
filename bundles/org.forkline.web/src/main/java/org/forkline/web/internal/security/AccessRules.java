package org.forkline.web.internal.security;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which roles may read and which may change: reading (GET, HEAD, OPTIONS) needs a viewer or an admin role,
 * every other method an admin role, and resources marked {@code @PermitAll} need nothing.
 *
 * @param viewerRoles roles that may read
 * @param adminRoles  roles that may change things (and read)
 */
public record AccessRules(Set<String> viewerRoles, Set<String> adminRoles) {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    public AccessRules {
        // Kept in configured order, for messages.
        viewerRoles = Collections.unmodifiableSet(new LinkedHashSet<>(viewerRoles));
        adminRoles = Collections.unmodifiableSet(new LinkedHashSet<>(adminRoles));
    }

    /** Rules from the comma-separated role lists of {@code org.forkline.web.cfg}. */
    public static AccessRules parse(String viewerRoles, String adminRoles) {
        return new AccessRules(splitRoles(viewerRoles), splitRoles(adminRoles));
    }

    /**
     * Decides a request.
     *
     * @param permitAll the matched resource method is open to everybody
     * @param method    HTTP method
     * @param roles     roles of the logged-in user, or null when nobody logged in
     */
    public AccessDecision decide(boolean permitAll, String method, Set<String> roles) {
        if (permitAll) {
            return AccessDecision.ALLOW;
        }
        if (roles == null) {
            return AccessDecision.UNAUTHENTICATED;
        }
        boolean allowed = isRead(method) ? canView(roles::contains) : canChange(roles::contains);
        return allowed ? AccessDecision.ALLOW : AccessDecision.FORBIDDEN;
    }

    /** True when a user with these roles may read. */
    public boolean canView(Predicate<String> hasRole) {
        return viewerRoles.stream().anyMatch(hasRole) || canChange(hasRole);
    }

    /** True when a user with these roles may change things. */
    public boolean canChange(Predicate<String> hasRole) {
        return adminRoles.stream().anyMatch(hasRole);
    }

    /** What a caller of this method needs, for the 403 message. */
    public String requiredRolesFor(String method) {
        Set<String> needed = new LinkedHashSet<>(adminRoles);
        if (isRead(method)) {
            needed.addAll(viewerRoles);
        }
        return needed.isEmpty() ? "(no role is configured)" : String.join(", ", needed);
    }

    static boolean isRead(String method) {
        return READ_METHODS.contains(method);
    }

    private static Set<String> splitRoles(String roles) {
        if (roles == null) {
            return Set.of();
        }
        return Arrays.stream(roles.split(","))
                .map(String::trim)
                .filter(role -> !role.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
