package org.forkline.web.internal.resource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.forkline.api.RecordingQuery;
import org.forkline.api.RecordingUser;
import org.forkline.api.storage.AudioFormat;

/**
 * Validates the query and path parameters of the REST API; every problem becomes an
 * {@link IllegalArgumentException} (answered 400) that names the parameter and the expected form.
 */
public final class RequestParameters {

    public static final int DEFAULT_LIMIT = 50;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private RequestParameters() {
    }

    /** The search of {@code GET /api/v1/recordings}. */
    public static RecordingQuery recordingQuery(String from, String to, String number, String offset, String limit) {
        return new RecordingQuery(instant("from", from), instant("to", to), number("number", number),
                integer("offset", offset, 0, 0, Integer.MAX_VALUE),
                integer("limit", limit, DEFAULT_LIMIT, 1, RecordingQuery.MAX_LIMIT));
    }

    /** An ISO-8601 instant, with {@code Z} or an offset; null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            throw new IllegalArgumentException("parameter '" + name + "' must be an ISO-8601 instant such as "
                    + "2026-11-25T10:00:00Z or 2026-11-25T11:00:00+01:00, was '" + text + "'");
        }
    }

    /** A whole number in [min, max]; the default when absent. */
    public static int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String text = value.trim();
        long parsed;
        try {
            parsed = Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            parsed = Long.MIN_VALUE;
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a whole number "
                    + (max == Integer.MAX_VALUE ? "of " + min + " or more" : "from " + min + " to " + max)
                    + ", was '" + text + "'");
        }
        return (int) parsed;
    }

    /** A directory number as recording users have them; null when absent. */
    public static String number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return userNumber(name, value.trim());
    }

    /** A recording user's number, checked by the same rule as {@link RecordingUser}. */
    public static String userNumber(String name, String value) {
        try {
            return new RecordingUser(value, null, true).number();
        } catch (IllegalArgumentException | NullPointerException invalid) {
            throw new IllegalArgumentException("parameter '" + name + "': invalid number '" + value
                    + "': use 1 to 64 of the characters 0-9 A-Z a-z + * # . _ -");
        }
    }

    /** A recording id in the canonical UUID form. */
    public static UUID recordingId(String value) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a recording id: expected a UUID such as "
                    + "0b7e7a52-2a4b-4c1e-9d43-5f7b1c2d3e4f");
        }
        return UUID.fromString(value);
    }

    /** The audio format of {@code ?format=}: {@code opus} (the default) or {@code wav}. */
    public static AudioFormat audioFormat(String value) {
        if (value == null || value.isBlank()) {
            return AudioFormat.OGG_OPUS;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "opus" -> AudioFormat.OGG_OPUS;
            case "wav" -> AudioFormat.WAV;
            default -> throw new IllegalArgumentException(
                    "parameter 'format' must be opus or wav, was '" + value.trim() + "'");
        };
    }
}
