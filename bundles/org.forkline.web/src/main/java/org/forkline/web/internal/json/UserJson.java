package org.forkline.web.internal.json;

/** A recording user (a recorded line) as JSON. */
public record UserJson(String number, String displayName, boolean enabled) {
}
