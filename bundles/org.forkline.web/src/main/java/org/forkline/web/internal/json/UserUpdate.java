package org.forkline.web.internal.json;

/** Body of {@code PUT /api/v1/users/{number}}; a missing {@code enabled} means enabled. */
public final class UserUpdate {

    public String displayName;
    public Boolean enabled;
}
