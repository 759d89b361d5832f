package org.forkline.shell.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.forkline.api.RecordingQuery;
import org.forkline.api.RecordingUser;

/** Checks command arguments; every problem is an {@link IllegalArgumentException} with a one-line message. */
public final class Arguments {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Arguments() {
    }

    /** The search of {@code forkline:recordings}. */
    public static RecordingQuery recordingQuery(String from, String to, String number, int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("--offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > RecordingQuery.MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "--limit must be between 1 and " + RecordingQuery.MAX_LIMIT + ", was " + limit);
        }
        Instant fromInstant = instant("--from", from);
        Instant toInstant = instant("--to", to);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            throw new IllegalArgumentException("--from " + fromInstant + " is after --to " + toInstant);
        }
        return new RecordingQuery(fromInstant, toInstant, number == null ? null : number(number), offset, limit);
    }

    /** An ISO-8601 instant with {@code Z} or an offset, or null when absent. */
    public static Instant instant(String option, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException notIso) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 instant such as 2026-11-25T10:00:00Z "
                    + "or 2026-11-25T11:00:00+01:00, was '" + value.trim() + "'");
        }
    }

    /** A directory number, checked by the rule of {@link RecordingUser}. */
    public static String number(String value) {
        return new RecordingUser(value.trim(), null, true).number();
    }

    /** A recording id in the canonical UUID form. */
    public static UUID recordingId(String value) {
        if (value == null || !UUID_TEXT.matcher(value.trim()).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a recording id: expected a UUID such as "
                    + "0b7e7a52-2a4b-4c1e-9d43-5f7b1c2d3e4f (forkline:recordings lists them)");
        }
        return UUID.fromString(value.trim());
    }
}
