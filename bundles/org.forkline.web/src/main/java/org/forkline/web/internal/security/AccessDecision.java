package org.forkline.web.internal.security;

/** Outcome of checking a request against the access rules. */
public enum AccessDecision {
    /** Go ahead. */
    ALLOW,
    /** The resource needs a login and none (or a failed one) was given: answer 401 with a challenge. */
    UNAUTHENTICATED,
    /** Logged in, but without a role that may do this: answer 403. */
    FORBIDDEN
}
