package org.forkline.loadgen;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.forkline.loadgen.NodeRest.Recording;

/**
 * Measures replication between two running nodes for tools/bench/replication.sh (not a test): {@code lag} (BYE on the
 * origin to the recording's commit and REST presence on the peer) and {@code catchup} (a late joiner pulling the whole
 * history), each with the bytes the origin sent to the peer per recorded channel-hour; prints markdown rows.
 *
 * <p>Usage: {@code ReplicationProbe lag|catchup --origin URL --peer URL --peer-log DIR --work DIR [--since ISO]
 * [--done FILE] [--timeout SECONDS]}
 */
public final class ReplicationProbe {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, String> options;
    private final NodeRest origin;
    private final NodeRest peer;
    private final Path work;
    private final Path summary;

    private ReplicationProbe(Map<String, String> options) {
        this.options = options;
        this.origin = new NodeRest(options.get("origin"));
        this.peer = new NodeRest(options.get("peer"));
        this.work = Path.of(options.get("work"));
        this.summary = work.resolve("summary.md");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, 1);
        String mode = args.length == 0 ? "" : args[0];
        boolean complete = options.keySet().containsAll(List.of("origin", "peer", "peer-log", "work"));
        switch (complete ? mode : "") {
            case "lag" -> new ReplicationProbe(options).lag();
            case "catchup" -> new ReplicationProbe(options).catchUp();
            default -> {
                System.err.println("usage: ReplicationProbe lag|catchup --origin URL --peer URL --peer-log DIR --work DIR"
                        + " [--since ISO] [--done FILE] [--timeout SECONDS]");
                System.exit(2);
            }
        }
    }

    /**
     * Polls the peer's newest recordings every 100 ms while the load runs; once the done file exists, waits (bounded)
     * until the peer has every sealed recording of the origin started since {@code --since}, then reports the lag from
     * each recording's end (BYE) to its commit on the peer (the peer's log) and to its first sight on the peer's REST.
     */
    private void lag() throws Exception {
        String since = options.get("since");
        Path done = Path.of(options.get("done"));
        Instant deadline = Instant.now().plusSeconds(Long.parseLong(options.getOrDefault("timeout", "900")));
        Map<String, Instant> seenOnRest = new HashMap<>();
        List<Recording> sealed = List.of();
        Instant settleBy = null;
        Instant nextFullCheck = Instant.MIN;
        while (Instant.now().isBefore(deadline)) {
            Instant polled = Instant.now();
            for (Recording r : peer.page(since, 0, 100)) {
                seenOnRest.putIfAbsent(r.id(), polled);
            }
            if (settleBy == null && Files.exists(done)) {
                settleBy = polled.plusSeconds(180);
            }
            if (settleBy != null && polled.isAfter(nextFullCheck)) {
                nextFullCheck = polled.plusSeconds(2);
                sealed = origin.all(since).stream().filter(Recording::sealed).toList();
                List<String> onPeer = peer.all(since).stream().map(Recording::id).toList();
                if (!sealed.isEmpty() && onPeer.containsAll(sealed.stream().map(Recording::id).toList())
                        || polled.isAfter(settleBy)) {
                    break;
                }
            }
            Thread.sleep(Math.max(0, POLL.toMillis() - Duration.between(polled, Instant.now()).toMillis()));
        }
        Map<String, Instant> committed = PeerLog.appliedRecordings(Path.of(options.get("peer-log")));
        List<Long> logLags = new ArrayList<>();
        List<Long> audioLags = new ArrayList<>();
        List<Long> restLags = new ArrayList<>();
        double channelHours = 0;
        long mediaBytes = 0;
        for (Recording r : sealed) {
            channelHours += 2 * r.durationMillis() / 3_600_000.0;
            mediaBytes += r.sizeBytes();
            if (committed.containsKey(r.id())) {
                logLags.add(Duration.between(r.byeAt(), committed.get(r.id())).toMillis());
                audioLags.add(Duration.between(r.endedAt(), committed.get(r.id())).toMillis());
            }
            if (seenOnRest.containsKey(r.id())) {
                restLags.add(Duration.between(r.byeAt(), seenOnRest.get(r.id())).toMillis());
            }
        }
        logLags.sort(null);
        audioLags.sort(null);
        restLags.sort(null);
        Counters bytes = Counters.read();
        double seconds = sealed.stream().mapToLong(Recording::durationMillis).average().orElse(0) / 1000;
        String table = String.format(Locale.ROOT, """
                | calls on node1 (sealed) | committed on node2 | lag to commit on node2 p50 / p90 / p99 / max ms \
                | seen on node2's REST (100 ms polls) | lag to REST p50 / p99 / max ms \
                | end of audio (recording endedAt) to commit p50 / p99 ms | mean recorded s | channel-hours \
                | node1 → node2 bytes (HTTP, JGroups) | MB per channel-hour per peer | recordings' own MB per channel-hour \
                | node2 → node1 bytes |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|
                | %d | %d | %s | %d | %s | %s | %.1f | %.3f | %d (%d, %d) | %.2f | %.2f | %d |
                """, sealed.size(), logLags.size(), percentiles(logLags, 50, 90, 99, 100), restLags.size(),
                percentiles(restLags, 50, 99, 100), percentiles(audioLags, 50, 99), seconds, channelHours,
                bytes.originToPeer(),
                bytes.originToPeerHttp(), bytes.originToPeerCluster(), bytes.originToPeer() / 1e6 / channelHours,
                mediaBytes / 1e6 / channelHours, bytes.peerToOrigin());
        System.out.print(table);
        Files.writeString(summary, String.format(Locale.ROOT, """
                | BYE → recording committed on the peer, p99 ≤ 5 s | p50 %s ms, p99 %s ms, max %s ms over %d calls \
                (%d reached node2; %.0f s of audio each) | %s |
                | traffic per recorded channel-hour per peer ≤ 10 MB (recordings of %.0f s) | %.2f MB (media, change feed, \
                JGroups, TCP/IP headers) | %s |
                """, percentile(logLags, 50), percentile(logLags, 99), percentile(logLags, 100), sealed.size(),
                logLags.size(), seconds, verdict(logLags.size() == sealed.size() && percentile(logLags, 99) <= 5000),
                seconds, bytes.originToPeer() / 1e6 / channelHours, verdict(bytes.originToPeer() / 1e6 / channelHours
                        <= 10)), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Follows a late joiner until it holds every recording of the origin (bounded), sampling its recordings count and
     * replication status; reports the rate from its replication start and from its first to its last commit.
     */
    private void catchUp() throws Exception {
        List<Recording> sealed = origin.all(null).stream().filter(Recording::sealed).toList();
        Instant deadline = Instant.now().plusSeconds(Long.parseLong(options.getOrDefault("timeout", "1200")));
        Path progress = work.resolve("catchup-progress.txt");
        Files.writeString(progress, "time | recordings on node2 | pending changes | catching up\n");
        long count = 0;
        Instant complete = null;
        Instant nextSample = Instant.MIN;
        while (Instant.now().isBefore(deadline)) {
            Instant polled = Instant.now();
            count = peer.total();
            if (polled.isAfter(nextSample) || count >= sealed.size()) {
                nextSample = polled.plusSeconds(1);
                JsonNode replication = peer.cluster().path("replication");
                Files.writeString(progress, polled + " | " + count + " | " + replication.path("pendingChanges").asText()
                        + " | " + replication.path("catchingUp").asText() + "\n", StandardOpenOption.APPEND);
            }
            if (count >= sealed.size()) {
                complete = polled;
                break;
            }
            Thread.sleep(Math.max(0, 200 - Duration.between(polled, Instant.now()).toMillis()));
        }
        Counters bytes = Counters.read();
        PeerLog.CatchUp log = PeerLog.catchUp(Path.of(options.get("peer-log")));
        double channelHours = sealed.stream().mapToLong(Recording::durationMillis).sum() * 2 / 3_600_000.0;
        double fromStart = log.rate(log.replicationStarted());
        double firstToLast = log.rate(log.firstApplied());
        String table = String.format(Locale.ROOT, """
                | sealed recordings on node1 | on node2 at the end | node2 replication start → first commit s \
                | → last commit s | recordings/min from replication start | recordings/min first → last commit \
                | REST count complete at | node1 → node2 bytes | MB per channel-hour per peer |
                |---|---|---|---|---|---|---|---|---|
                | %d | %d | %.1f | %.1f | %.0f | %.0f | %s | %d | %.2f |
                """, sealed.size(), count, seconds(log.replicationStarted(), log.firstApplied()),
                seconds(log.replicationStarted(), log.lastApplied()), fromStart, firstToLast,
                complete == null ? "not complete" : complete.toString(), bytes.originToPeer(),
                bytes.originToPeer() / 1e6 / channelHours);
        System.out.print(table);
        Files.writeString(summary, String.format(Locale.ROOT, """
                | late joiner catch-up ≥ 20 000 recordings/min on loopback | %.0f recordings/min over %d recordings \
                (%d committed; %.0f/min first → last commit) | %s |
                """, fromStart, sealed.size(), log.applied(), firstToLast,
                verdict(log.applied() >= sealed.size() && fromStart >= 20_000)), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static String percentiles(List<Long> sorted, int... ps) {
        StringBuilder text = new StringBuilder();
        for (int p : ps) {
            text.append(text.isEmpty() ? "" : " / ").append(percentile(sorted, p));
        }
        return text.toString();
    }

    /** Nearest-rank percentile of a sorted list; -1 when empty. */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
