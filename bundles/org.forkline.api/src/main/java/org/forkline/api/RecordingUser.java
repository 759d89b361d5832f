package org.forkline.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A recorded line: calls whose near-end number is an enabled recording user are recorded.
 *
 * @param number      directory number, as CUCM sends it in {@code x-nearendaddr}
 * @param displayName free text for people, may be null
 * @param enabled     false keeps the entry but stops recording it (answered 404)
 */
public record RecordingUser(String number, String displayName, boolean enabled) {

    private static final Pattern NUMBER = Pattern.compile("[0-9A-Za-z+*#._-]{1,64}");

    public RecordingUser {
        Objects.requireNonNull(number, "number");
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("invalid number '" + number
                    + "': use 1 to 64 of the characters 0-9 A-Z a-z + * # . _ -");
        }
        if (displayName != null && displayName.length() > 128) {
            throw new IllegalArgumentException("display name longer than 128 characters");
        }
    }
}
