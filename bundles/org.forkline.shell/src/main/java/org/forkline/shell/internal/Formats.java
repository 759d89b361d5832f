package org.forkline.shell.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.Recording;
import org.forkline.api.RecordingState;

/** How the commands write times, durations, sizes, parties and counters. */
public final class Formats {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    private Formats() {
    }

    /** {@code h:mm:ss}, e.g. {@code 0:01:23} or {@code 12:00:05}. */
    public static String duration(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** A recording's duration, or {@code -} while it is still recording. */
    public static String duration(Recording recording) {
        return recording.state() == RecordingState.ACTIVE ? "-" : duration(recording.durationMillis());
    }

    /** ISO-8601 in UTC to the second (the form {@code --from} and {@code --to} accept), or {@code -}. */
    public static String instant(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 46.6 GiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** Number and display name, else the device, else {@code -}. */
    public static String party(Party party) {
        if (party == null) {
            return "-";
        }
        String name = party.displayName() == null || party.displayName().isBlank() ? ""
                : " (" + party.displayName() + ")";
        if (party.number() != null && !party.number().isBlank()) {
            return party.number() + name;
        }
        if (party.device() != null && !party.device().isBlank()) {
            return party.device() + name;
        }
        return name.isEmpty() ? "-" : name.trim();
    }

    /** {@code recovered}, {@code orphan}, both comma-separated, or empty. */
    public static String flags(Recording recording) {
        List<String> flags = new ArrayList<>();
        if (recording.recovered()) {
            flags.add("recovered");
        }
        if (recording.orphan()) {
            flags.add("orphan");
        }
        return String.join(",", flags);
    }

    /** All packet counters on one line. */
    public static String packets(MediaStats stats) {
        MediaStats s = stats == null ? MediaStats.EMPTY : stats;
        return "received " + s.packetsReceived() + ", lost " + s.packetsLost() + ", duplicate "
                + s.packetsDuplicate() + ", late " + s.packetsLate() + ", unexpected source "
                + s.packetsUnexpectedSource() + ", malformed " + s.packetsMalformed() + ", events "
                + s.packetsEvents() + ", comfort noise " + s.packetsComfortNoise();
    }

    public static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    /** The text or {@code -} when there is none. */
    public static String text(Object value) {
        return value == null || value.toString().isBlank() ? "-" : value.toString();
    }
}
