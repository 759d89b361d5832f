package org.forkline.web.internal.security;

import java.util.Set;

/** Who logged in and the roles the realm gave them. */
public record AuthenticatedUser(String name, Set<String> roles) {

    public AuthenticatedUser {
        roles = Set.copyOf(roles);
    }
}
