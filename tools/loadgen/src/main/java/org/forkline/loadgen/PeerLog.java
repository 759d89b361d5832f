package org.forkline.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a peer's karaf.log (and its rolled files) for the replication's own timestamps: when the replication component
 * started and when each recording change was committed ({@code PeerPuller}'s DEBUG line "Applied change ...", logged
 * right after the commit; the benchmark turns that logger to DEBUG). Timestamps are in the JVM's zone: run nodes and
 * probe with the same TZ.
 */
final class PeerLog {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");
    private static final Pattern APPLIED = Pattern.compile(
            "^(\\S+) \\|.*\\| Applied change (\\S+):(\\d+) \\(RECORDING_SEALED ([0-9a-f-]{36})\\) from (\\S+)");
    private static final Pattern STARTED = Pattern.compile("^(\\S+) \\|.*\\| Replication of node \\S+ started");

    private PeerLog() {
    }

    /** Commit time of every recording the peer applied from a peer's change log, by recording id (first wins). */
    static Map<String, Instant> appliedRecordings(Path logDir) throws IOException {
        Map<String, Instant> applied = new HashMap<>();
        for (String line : lines(logDir)) {
            Matcher m = APPLIED.matcher(line);
            if (m.find()) {
                applied.putIfAbsent(m.group(4), stamp(m.group(1)));
            }
        }
        return applied;
    }

    /** The late joiner's replication start (the last one logged) and its recording commits. */
    static CatchUp catchUp(Path logDir) throws IOException {
        Instant started = null;
        Instant first = null;
        Instant last = null;
        int count = 0;
        for (String line : lines(logDir)) {
            Matcher s = STARTED.matcher(line);
            if (s.find()) {
                started = stamp(s.group(1));
                continue;
            }
            Matcher m = APPLIED.matcher(line);
            if (m.find()) {
                Instant at = stamp(m.group(1));
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
                count++;
            }
        }
        return new CatchUp(started, first, last, count);
    }

    /** Replication start, first and last recording commit, recordings committed. */
    record CatchUp(Instant replicationStarted, Instant firstApplied, Instant lastApplied, int applied) {
        /** Recordings per minute from the instant to the last commit. */
        double rate(Instant from) {
            if (from == null || lastApplied == null || !lastApplied.isAfter(from)) {
                return Double.NaN;
            }
            return applied * 60_000.0 / (lastApplied.toEpochMilli() - from.toEpochMilli());
        }
    }

    private static Instant stamp(String text) {
        return LocalDateTime.parse(text, STAMP).atZone(ZoneId.systemDefault()).toInstant();
    }

    /** Lines of karaf.log.N (oldest first) then karaf.log. */
    private static List<String> lines(Path logDir) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(logDir)) {
            files = new ArrayList<>(listing.filter(p -> p.getFileName().toString().startsWith("karaf.log")).toList());
        }
        files.sort((a, b) -> Integer.compare(rollIndex(b), rollIndex(a)));
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        }
        return lines;
    }

    private static int rollIndex(Path file) {
        String name = file.getFileName().toString();
        return name.equals("karaf.log") ? 0 : Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
    }
}
