package org.forkline.replication.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.RecordingState;
import org.forkline.api.replication.Change;
import org.forkline.api.replication.ChangeKind;
import org.forkline.storage.internal.db.ChangePayloads;
import org.forkline.storage.internal.db.LegRow;
import org.forkline.storage.internal.db.RecordingRow;

/**
 * Measures a late joiner's catch-up rate over loopback HTTP (not a test; run its main): node1 holds N recordings of
 * another origin, node2 starts empty and pulls them all. Arguments: [recordings, default 2000] [file KiB, default 90].
 */
public final class CatchUpBenchmark {

    private CatchUpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int kib = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        Path root = Path.of("target", "bench", UUID.randomUUID().toString()).toAbsolutePath();
        try (TestCluster cluster = new TestCluster()) {
            TestCluster.Node node1 = cluster.start("node1", root.resolve("node1"), Map.of("pullIntervalSeconds", 3600));
            seed(node1, count, kib * 1024);
            // Timed from node2's start, its empty database created: what a late joiner's operator waits for.
            TestCluster.Node node2 = cluster.start("node2", root.resolve("node2"), Map.of("pullIntervalSeconds", 1));
            long start = System.nanoTime();
            while (node2.storage.storage.watermarks().getOrDefault("node0", 0L) < count) {
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("caught up on %d recordings of %d KiB in %.1f s: %.0f recordings/minute%n", count, kib,
                    seconds, count / seconds * 60);
        }
    }

    private static void seed(TestCluster.Node node, int count, int size) throws Exception {
        Random random = new Random(1);
        byte[] bytes = new byte[size];
        Files.createDirectories(node.storage.storage.stagingFolder());
        for (int i = 1; i <= count; i++) {
            random.nextBytes(bytes);
            UUID id = UUID.randomUUID();
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 60L);
            RecordingRow row = new RecordingRow(id, "Cluster1/" + i, "Cluster1", Integer.toString(i),
                    RecordingState.SEALED, start, start.plusSeconds(60), 60_000, new Party("1001", "SEP1", null),
                    new Party("2002", "trunk", null), "PCMU", 8000, "node0", false, false, size, sha, null);
            List<LegRow> legs = List.of(new LegRow(UUID.randomUUID(), id, LegDirection.NEAR, "n" + i, start,
                    start.plusSeconds(60), "PCMU", "127.0.0.1:4000", "BYE", MediaStats.EMPTY, Map.of()),
                    new LegRow(UUID.randomUUID(), id, LegDirection.FAR, "f" + i, start, start.plusSeconds(60), "PCMU",
                            "127.0.0.1:4002", "BYE", MediaStats.EMPTY, Map.of()));
            Path staged = node.storage.storage.stagingFolder().resolve(id + ".seed");
            Files.write(staged, bytes);
            node.storage.storage.apply(new Change("node0", i, ChangeKind.RECORDING_SEALED, id.toString(), start,
                    ChangePayloads.recording(row, legs)), staged);
        }
    }
}
