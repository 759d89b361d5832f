package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.forkline.api.LegDirection;
import org.forkline.api.Recording;
import org.forkline.api.RecordingEvents;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.api.storage.LegHandle;
import org.forkline.storage.internal.testing.Ffmpeg;
import org.forkline.storage.internal.testing.Signals;
import org.junit.jupiter.api.Test;

class SealingTest extends StorageFixture {

    private static final long ANCHOR = Instant.parse("2025-03-04T10:15:30Z").toEpochMilli() * 1000;

    @Test
    void twoLegsBecomeOneStereoFileWithNearLeftFarRightAndExactAlignment() throws Exception {
        StorageComponent storage = start();
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "r1", "1001", "2002"));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "r1", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR + 250_000);
        writeTone(near.sink(), 0, 700, 8000, 16000);
        writeTone(far.sink(), 0, 1300, 8000, 14000);
        end(near);
        end(far);

        Recording recording = awaitState(storage, near.recordingId(), RecordingState.SEALED);
        short[] pcm = wavSamples(storage, near.recordingId());

        assertThat(recording.durationMillis()).isEqualTo(2000);
        assertThat(recording.startedAt()).isEqualTo(Instant.ofEpochMilli(ANCHOR / 1000));
        assertThat(recording.endedAt()).isEqualTo(Instant.ofEpochMilli(ANCHOR / 1000 + 2000));
        assertThat(recording.orphan()).isFalse();
        assertThat(recording.recovered()).isFalse();
        assertThat(recording.codec()).isEqualTo("PCMU");
        assertThat(recording.sha256()).hasSize(64);
        assertThat(pcm.length / 2).isEqualTo(16000);
        assertThat(Signals.dominanceDb(pcm, 2 * 2400, 12000, 2, 700, 1300, 8000)).isGreaterThanOrEqualTo(20);
        assertThat(Signals.dominanceDb(pcm, 2 * 3200 + 1, 11000, 2, 1300, 700, 8000)).isGreaterThanOrEqualTo(20);
        assertThat(Signals.rmsDbfs(pcm, 1, 1920, 2)).as("far channel before 240 ms").isLessThan(-60);
        assertThat(Signals.rmsDbfs(pcm, 2 * 2080 + 1, 320, 2)).as("far channel from 260 ms").isGreaterThan(-30);
        assertThat(events.topicsFor(near.recordingId())).containsExactly(RecordingEvents.TOPIC_STARTED,
                RecordingEvents.TOPIC_SEALED);
        assertThat(Files.exists(dataDir.resolve("journal").resolve(near.recordingId().toString()))).isFalse();
        assertThat(dataDir.resolve("media/2025/03/04/" + near.recordingId() + ".opus")).isRegularFile();

        Path copy = dataDir.resolve("copy.opus");
        AudioContent ogg = storage.audio(near.recordingId(), AudioFormat.OGG_OPUS).orElseThrow();
        try (OutputStream out = Files.newOutputStream(copy)) {
            ogg.writeTo(0, ogg.length(), out);
        }
        short[] ffmpeg = Ffmpeg.decodeStereo48k(copy);
        assertThat(ffmpeg.length / 2).isEqualTo(16000 * 6);
        assertThat(Signals.dominanceDb(ffmpeg, 2 * 14400, 72000, 2, 700, 1300, 48000)).isGreaterThanOrEqualTo(20);
        assertThat(Signals.dominanceDb(ffmpeg, 2 * 19200 + 1, 66000, 2, 1300, 700, 48000)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void gapsInALegStaySilentAtTheirPlace() throws Exception {
        StorageComponent storage = start();
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "r2", "1001", "2002"));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "r2", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 4000);
        writeTone(near.sink(), 8000, 700, 8000, 4000);
        writeTone(far.sink(), 0, 1300, 8000, 12000);
        end(near);
        end(far);

        awaitState(storage, near.recordingId(), RecordingState.SEALED);
        short[] pcm = wavSamples(storage, near.recordingId());

        assertThat(pcm.length / 2).isEqualTo(12000);
        assertThat(Signals.rmsDbfs(pcm, 2 * 200, 3600, 2)).as("before the gap").isGreaterThan(-30);
        assertThat(Signals.rmsDbfs(pcm, 2 * 4400, 3200, 2)).as("in the gap").isLessThan(-50);
        assertThat(Signals.rmsDbfs(pcm, 2 * 7760, 160, 2)).as("just before the gap ends").isLessThan(-50);
        assertThat(Signals.rmsDbfs(pcm, 2 * 8080, 160, 2)).as("just after the gap").isGreaterThan(-30);
        assertThat(Signals.rmsDbfs(pcm, 2 * 4400 + 1, 3200, 2)).as("far side during the gap").isGreaterThan(-30);
    }

    @Test
    void an8kHzLegIsRaisedTo16kHzWhenItsPartnerIs16kHz() throws Exception {
        StorageComponent storage = start();
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "r3", "1001", "2002"));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "r3", "1001", "2002"));
        near.sink().begin(16000, "G722", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR + 100_000);
        writeTone(near.sink(), 0, 700, 16000, 24000);
        writeTone(far.sink(), 0, 1300, 8000, 12000);
        end(near);
        end(far);

        Recording recording = awaitState(storage, near.recordingId(), RecordingState.SEALED);
        AudioContent wav = storage.audio(near.recordingId(), AudioFormat.WAV).orElseThrow();
        short[] pcm = wavSamples(storage, near.recordingId());

        assertThat(wav.length()).isEqualTo(44 + 4 * 25600L);
        assertThat(recording.durationMillis()).isEqualTo(1600);
        assertThat(recording.codec()).isEqualTo("G722/PCMU");
        assertThat(Signals.dominanceDb(pcm, 2 * 3200, 16000, 2, 700, 1300, 16000)).isGreaterThanOrEqualTo(20);
        assertThat(Signals.dominanceDb(pcm, 2 * 3200 + 1, 16000, 2, 1300, 700, 16000)).isGreaterThanOrEqualTo(20);
        assertThat(Signals.rmsDbfs(pcm, 1, 1500, 2)).as("far channel before its start").isLessThan(-60);
    }

    @Test
    void anOrphanLegFillsOnlyItsSideAfterThePairingWait() throws Exception {
        StorageComponent storage = start();
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "r4", "1001", "2002"));
        far.sink().begin(8000, "PCMA", ANCHOR);
        writeTone(far.sink(), 0, 1300, 8000, 6000);
        end(far);

        Recording recording = awaitState(storage, far.recordingId(), RecordingState.SEALED);
        short[] pcm = wavSamples(storage, far.recordingId());

        assertThat(recording.orphan()).isTrue();
        assertThat(recording.legs()).hasSize(1);
        assertThat(pcm.length / 2).isEqualTo(6000);
        assertThat(Signals.rmsDbfs(pcm, 0, 6000, 2)).as("near side").isLessThan(-60);
        assertThat(Signals.dominanceDb(pcm, 2 * 1000 + 1, 4000, 2, 1300, 700, 8000)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aRecordingWithoutAnyAudioStillSeals() throws Exception {
        StorageComponent storage = start();
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "r5", "1001", "2002"));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "r5", "1001", "2002"));
        near.end("CANCEL", null);
        far.end("CANCEL", null);

        Recording recording = awaitState(storage, near.recordingId(), RecordingState.SEALED);

        assertThat(recording.durationMillis()).isZero();
        assertThat(recording.sizeBytes()).isPositive();
        assertThat(storage.audio(near.recordingId(), AudioFormat.WAV).orElseThrow().length()).isEqualTo(44);
        assertThat(recording.legs()).extracting(l -> l.endReason()).containsOnly("CANCEL");
    }

    @Test
    void aFailedMoveLeavesNoSealedRowNoTempFileAndKeepsTheJournals() throws Exception {
        StorageComponent storage = start();
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "r6", "1001", "2002"));
        UUID id = near.recordingId();
        Path day = dataDir.resolve("media").resolve(DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(ANCHOR / 1000)));
        Path blocker = day.resolve(id + ".opus");
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("occupied"), "a directory where the file should go");
        near.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 4000);
        end(near);

        awaitState(storage, id, RecordingState.FAILED);

        assertThat(storage.audio(id, AudioFormat.OGG_OPUS)).isEmpty();
        try (Stream<Path> files = Files.list(day)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(id + ".opus");
        }
        assertThat(Files.isDirectory(blocker)).isTrue();
        assertThat(dataDir.resolve("journal").resolve(id.toString())).isDirectory();
        assertThat(events.topicsFor(id)).containsExactly(RecordingEvents.TOPIC_STARTED, RecordingEvents.TOPIC_FAILED);

        stop(storage);
        Files.delete(blocker.resolve("occupied"));
        Files.delete(blocker);
        StorageComponent restarted = start(Map.of());
        Recording retried = awaitState(restarted, id, RecordingState.SEALED);
        assertThat(retried.durationMillis()).isEqualTo(500);
        assertThat(blocker).isRegularFile();
    }

    @Test
    void aMissingMediaFileOfASealedRowIsReportedNotServed() throws Exception {
        StorageComponent storage = start();
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "r7", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 800);
        end(near);
        awaitState(storage, near.recordingId(), RecordingState.SEALED);
        Files.delete(dataDir.resolve("media/2025/03/04/" + near.recordingId() + ".opus"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage.audio(near.recordingId(), AudioFormat.WAV))
                .isInstanceOf(IOException.class).hasMessageContaining("missing");
    }
}
