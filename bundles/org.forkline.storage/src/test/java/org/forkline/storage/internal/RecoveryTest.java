package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.Recording;
import org.forkline.api.RecordingLeg;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.LegHandle;
import org.forkline.storage.internal.journal.JournalFile;
import org.forkline.storage.internal.journal.JournalSink;
import org.forkline.storage.internal.journal.JournalStore;
import org.forkline.storage.internal.journal.LegMeta;
import org.forkline.storage.internal.testing.Signals;
import org.junit.jupiter.api.Test;

class RecoveryTest extends StorageFixture {

    private static final long ANCHOR = Instant.parse("2025-05-06T07:08:09Z").toEpochMilli() * 1000;

    @Test
    void legsAbandonedWithoutCloseAreSealedFromWhatWasFlushed() throws Exception {
        StorageComponent crashed = start(Map.of("pairingWaitSeconds", 30));
        LegHandle near = crashed.openLeg(leg(LegDirection.NEAR, "crash-1", "1001", "2002"));
        LegHandle far = crashed.openLeg(leg(LegDirection.FAR, "crash-1", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 8000);
        writeTone(far.sink(), 0, 1300, 8000, 6000);
        // Appended but never flushed: a kill -9 loses these.
        near.sink().append(8000, Signals.tone(700, 8000, 1600, -12), 0, 1600);
        far.sink().append(6000, Signals.tone(1300, 8000, 1600, -12), 0, 1600);

        StorageComponent recovered = start(Map.of("pairingWaitSeconds", 30));
        Recording recording = awaitState(recovered, near.recordingId(), RecordingState.SEALED);
        short[] pcm = wavSamples(recovered, near.recordingId());

        assertThat(recording.recovered()).isTrue();
        assertThat(recording.durationMillis()).isEqualTo(1000);
        assertThat(pcm.length / 2).isEqualTo(8000);
        assertThat(Signals.dominanceDb(pcm, 2 * 1000, 6000, 2, 700, 1300, 8000)).isGreaterThanOrEqualTo(20);
        assertThat(Signals.dominanceDb(pcm, 2 * 1000 + 1, 4000, 2, 1300, 700, 8000)).isGreaterThanOrEqualTo(20);
        assertThat(recording.legs()).extracting(RecordingLeg::endReason).containsOnly("RECOVERED");
        RecordingLeg farLeg = recording.legs().stream().filter(l -> l.direction() == LegDirection.FAR).findFirst()
                .orElseThrow();
        assertThat(farLeg.endedAt()).isEqualTo(Instant.ofEpochMilli(ANCHOR / 1000 + 750));
        assertThat(dataDir.resolve("journal").resolve(near.recordingId().toString())).doesNotExist();
        stop(recovered);
    }

    @Test
    void journalsWithoutDatabaseRowsAreRebuiltFromTheirMetadataAndSealed() throws Exception {
        JournalStore store = new JournalStore(dataDir);
        UUID recordingId = UUID.randomUUID();
        Instant admitted = Instant.ofEpochMilli(ANCHOR / 1000);
        JournalFile nearFile = store.create(new LegMeta(recordingId, UUID.randomUUID(), admitted, "node1",
                leg(LegDirection.NEAR, "crash-2", "1001", "2002")));
        JournalFile farFile = store.create(new LegMeta(recordingId, UUID.randomUUID(), admitted.plusMillis(3), "node1",
                leg(LegDirection.FAR, "crash-2", "1001", "2002")));
        JournalSink nearSink = new JournalSink(nearFile);
        JournalSink farSink = new JournalSink(farFile);
        nearSink.begin(8000, "PCMU", ANCHOR);
        farSink.begin(8000, "PCMU", ANCHOR + 500_000);
        writeTone(nearSink, 0, 700, 8000, 4000);
        writeTone(farSink, 0, 1300, 8000, 4000);
        // A write torn by the crash at the end of the far journal.
        Files.write(farFile.path(), new byte[] {3, 100, 0, 0, 0, 1, 2, 3}, StandardOpenOption.APPEND);

        StorageComponent storage = start();
        Recording recording = awaitState(storage, recordingId, RecordingState.SEALED);

        assertThat(recording.recovered()).isTrue();
        assertThat(recording.startedAt()).isEqualTo(admitted);
        assertThat(recording.durationMillis()).isEqualTo(1000);
        assertThat(recording.near().number()).isEqualTo("1001");
        assertThat(recording.far().number()).isEqualTo("2002");
        assertThat(recording.refci()).isEqualTo("crash-2");
        assertThat(recording.nodeId()).isEqualTo("node1");
        assertThat(recording.legs()).hasSize(2).extracting(RecordingLeg::endReason).containsOnly("RECOVERED");
        Path folder = store.folder(recordingId);
        assertThat(folder).doesNotExist();
    }

    @Test
    void leftoverJournalsOfASealedRecordingAreRemovedAtStart() throws Exception {
        StorageComponent storage = start();
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "crash-3", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 800);
        end(near);
        awaitState(storage, near.recordingId(), RecordingState.SEALED);
        stop(storage);
        Path leftover = dataDir.resolve("journal").resolve(near.recordingId().toString());
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve(UUID.randomUUID() + ".journal"), "leftover");

        StorageComponent restarted = start();

        assertThat(leftover).doesNotExist();
        assertThat(restarted.find(near.recordingId()).orElseThrow().state()).isEqualTo(RecordingState.SEALED);
    }

    @Test
    void stoppingWhileSealingLeavesNoTempFileAndTheRecordingIsSealedAtTheNextStart() throws Exception {
        StorageComponent storage = start();
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "crash-4", "1001", "2002"));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "crash-4", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 300 * 8000);
        writeTone(far.sink(), 0, 1300, 8000, 300 * 8000);
        end(near);
        end(far);
        stop(storage);

        try (var files = Files.walk(dataDir.resolve("media"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        } catch (java.nio.file.NoSuchFileException noMediaYet) {
            // Sealing had not started: nothing to clean up.
        }
        StorageComponent restarted = start();
        Recording recording = awaitState(restarted, near.recordingId(), RecordingState.SEALED);
        assertThat(recording.durationMillis()).isEqualTo(300_000);
        assertThat(recording.recovered()).isFalse();
    }
}
