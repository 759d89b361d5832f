package org.forkline.web.internal.security;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

/** The security context of a request whose HTTP Basic login succeeded. */
public final class UserSecurityContext implements SecurityContext {

    private final AuthenticatedUser user;
    private final boolean secure;

    public UserSecurityContext(AuthenticatedUser user, boolean secure) {
        this.user = user;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return user::name;
    }

    @Override
    public boolean isUserInRole(String role) {
        return user.roles().contains(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return BASIC_AUTH;
    }
}
