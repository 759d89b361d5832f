package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.Recording;
import org.forkline.api.RecordingState;
import org.forkline.api.replication.Change;
import org.forkline.api.replication.ChangeKind;
import org.forkline.api.replication.ReplicaMedia;
import org.forkline.api.storage.LegHandle;
import org.forkline.storage.internal.testing.Signals;
import org.forkline.storage.internal.testing.TestFolders;
import org.junit.jupiter.api.Test;

class SplitLegMergeTest extends StorageFixture {

    private static final long ANCHOR = Instant.parse("2025-07-08T09:10:11Z").toEpochMilli() * 1000;
    private static final int RATE = 8000;

    @Test
    void theNearLegsNodeMergesBothOrphansOnceAndEveryNodeEndsWithOnlyTheMergedRecording() throws Exception {
        StorageComponent node1 = start(Map.of("nodeId", "node1"));
        StorageComponent node2 = start(Map.of("dataDir", TestFolders.fresh(getClass()).toString(), "nodeId", "node2"));
        StorageComponent node3 = start(Map.of("dataDir", TestFolders.fresh(getClass()).toString(), "nodeId", "node3"));
        UUID nearOrphan = orphan(node1, LegDirection.NEAR, ANCHOR, 700);
        UUID farOrphan = orphan(node2, LegDirection.FAR, ANCHOR + 500_000, 1300);
        Path nearFile = node1.media(nearOrphan).orElseThrow().file();

        replicate(node1, node2);
        assertThat(node2.find(nearOrphan)).as("the far leg's node does not merge").isPresent();
        replicate(node2, node1);

        await().atMost(Duration.ofSeconds(30)).until(() -> node1.find(nearOrphan).isEmpty());
        List<Change> merge = node1.changesAfter(Map.of("node1", 1L, "node2", 1L), 10);
        assertThat(merge).extracting(Change::kind).containsExactly(ChangeKind.RECORDING_DELETED,
                ChangeKind.RECORDING_DELETED, ChangeKind.RECORDING_SEALED);
        assertThat(merge).extracting(Change::key).startsWith(nearOrphan.toString(), farOrphan.toString());
        UUID merged = UUID.fromString(merge.get(2).key());
        assertThat(node1.find(farOrphan)).isEmpty();
        assertThat(nearFile).doesNotExist();

        Recording recording = node1.find(merged).orElseThrow();
        assertThat(recording.orphan()).isFalse();
        assertThat(recording.state()).isEqualTo(RecordingState.SEALED);
        assertThat(recording.nodeId()).isEqualTo("node1");
        assertThat(recording.startedAt()).isEqualTo(Instant.ofEpochMilli(ANCHOR / 1000));
        assertThat(recording.durationMillis()).isEqualTo(1500);
        assertThat(recording.legs()).extracting(l -> l.direction())
                .containsExactlyInAnyOrder(LegDirection.NEAR, LegDirection.FAR);
        assertTones(wavSamples(node1, merged));

        replicate(node1, node2);
        replicate(node1, node3);
        replicate(node2, node3);
        for (StorageComponent node : List.of(node2, node3)) {
            assertThat(node.find(nearOrphan)).isEmpty();
            assertThat(node.find(farOrphan)).isEmpty();
            assertThat(node.find(merged).orElseThrow().sha256()).isEqualTo(recording.sha256());
        }
        assertThat(node2.changesAfter(Map.of("node1", 4L, "node2", 1L), 10)).as("node2 did not merge too").isEmpty();

        Map<String, Long> before = node1.watermarks();
        stop(node1);
        StorageComponent restarted = start(Map.of("nodeId", "node1"));
        assertThat(restarted.find(merged)).isPresent();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> restarted.watermarks().equals(before));
    }

    @Test
    void aWidebandNearLegAndANarrowbandFarLegMergeAtTheHigherRate() throws Exception {
        StorageComponent node1 = start(Map.of("nodeId", "node1"));
        StorageComponent node2 = start(Map.of("dataDir", TestFolders.fresh(getClass()).toString(), "nodeId", "node2"));
        UUID farOrphan = orphan(node1, LegDirection.FAR, ANCHOR, 1300, "split-2", RATE);
        UUID nearOrphan = orphan(node2, LegDirection.NEAR, ANCHOR, 700, "split-2", 2 * RATE);

        replicate(node1, node2);

        await().atMost(Duration.ofSeconds(30)).until(() -> node2.find(nearOrphan).isEmpty());
        assertThat(node2.find(farOrphan)).isEmpty();
        Change sealed = node2.changesAfter(Map.of("node1", 1L, "node2", 3L), 10).get(0);
        Recording merged = node2.find(UUID.fromString(sealed.key())).orElseThrow();
        assertThat(merged.nodeId()).isEqualTo("node2");
        assertThat(merged.durationMillis()).isEqualTo(1000);
        short[] stereo = wavSamples(node2, merged.id());
        int rate = 2 * RATE;
        assertThat(stereo.length / 2).isEqualTo(rate);
        int at = rate / 4;
        assertThat(Signals.dominanceDb(stereo, 2 * at, rate / 2, 2, 700, 1300, rate)).isGreaterThan(20);
        assertThat(Signals.dominanceDb(stereo, 2 * at + 1, rate / 2, 2, 1300, 700, rate)).isGreaterThan(20);
    }

    private UUID orphan(StorageComponent node, LegDirection side, long anchorMicros, double tone) throws Exception {
        return orphan(node, side, anchorMicros, tone, "split-1", RATE);
    }

    private UUID orphan(StorageComponent node, LegDirection side, long anchorMicros, double tone, String refci,
            int rate) throws Exception {
        LegHandle leg = node.openLeg(leg(side, refci, "1001", "2002"));
        leg.sink().begin(rate, rate == RATE ? "PCMU" : "G722", anchorMicros);
        writeTone(leg.sink(), 0, tone, rate, rate);
        end(leg);
        Recording orphan = awaitState(node, leg.recordingId(), RecordingState.SEALED);
        assertThat(orphan.orphan()).isTrue();
        return leg.recordingId();
    }

    /** Near tone left from 0 to 1 s, far tone right from 0.5 to 1.5 s, silence elsewhere. */
    private static void assertTones(short[] stereo) {
        int window = RATE / 5;
        assertThat(stereo.length / 2).isEqualTo(3 * RATE / 2);
        int nearAt = RATE / 4;
        assertThat(Signals.dominanceDb(stereo, 2 * nearAt, window, 2, 700, 1300, RATE)).isGreaterThan(20);
        assertThat(Signals.rmsDbfs(stereo, 2 * nearAt + 1, window, 2)).isLessThan(-60);
        int bothAt = 3 * RATE / 4 - window / 2;
        assertThat(Signals.dominanceDb(stereo, 2 * bothAt, window, 2, 700, 1300, RATE)).isGreaterThan(20);
        assertThat(Signals.dominanceDb(stereo, 2 * bothAt + 1, window, 2, 1300, 700, RATE)).isGreaterThan(20);
        int farAt = 5 * RATE / 4 - window / 2;
        assertThat(Signals.rmsDbfs(stereo, 2 * farAt, window, 2)).isLessThan(-60);
        assertThat(Signals.dominanceDb(stereo, 2 * farAt + 1, window, 2, 1300, 700, RATE)).isGreaterThan(20);
        // The far tone starts at 0.5 s: 40 ms before it the right channel is still silent.
        assertThat(Signals.rmsDbfs(stereo, 2 * (RATE / 2 - RATE / 25 - 80) + 1, 80, 2)).isLessThan(-60);
        assertThat(Signals.rmsDbfs(stereo, 2 * (RATE / 2 + RATE / 25) + 1, 80, 2)).isGreaterThan(-30);
    }

    /** Applies every change {@code from} has that {@code to} lacks, in order, staging files as the puller does. */
    private static void replicate(StorageComponent from, StorageComponent to) throws IOException {
        for (Change change : from.changesAfter(to.watermarks(), 1000)) {
            Path staged = null;
            Optional<ReplicaMedia> media = change.kind() == ChangeKind.RECORDING_SEALED
                    ? from.media(UUID.fromString(change.key())) : Optional.empty();
            // A merged orphan's file is gone from its origin: the change is applied without it, as the puller does.
            if (media.isPresent() && to.needsMedia(change)) {
                Files.createDirectories(to.stagingFolder());
                staged = to.stagingFolder().resolve(change.key() + ".part");
                Files.copy(media.get().file(), staged);
            }
            to.apply(change, staged);
        }
    }
}
