package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.forkline.api.LegDirection;
import org.forkline.api.Recording;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.PcmSink;
import org.forkline.handover.internal.HandoverDesk;
import org.forkline.storage.internal.journal.JournalFormat;
import org.forkline.storage.internal.journal.JournalReader;
import org.forkline.storage.internal.journal.JournalScan;
import org.forkline.storage.internal.journal.JournalSink;
import org.forkline.storage.internal.journal.LateAudio;
import org.forkline.storage.internal.journal.RecordType;
import org.forkline.storage.internal.testing.Signals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audio a media session keeps sending into its detached sink while storage restarts is not lost. */
class LateAudioHandoverTest extends StorageFixture {

    private static final long ANCHOR = Instant.parse("2025-07-08T09:10:11Z").toEpochMilli() * 1000;
    private static final int RATE = 8000;
    private static final int FRAME = 160;
    private static final Map<String, Object> LONG_PAIRING = Map.of("pairingWaitSeconds", 30);

    private HandoverDesk desk;

    @AfterEach
    void closeDesk() {
        stopComponents();   // before the desk, as in the framework: storage parks into a running desk
        if (desk != null) {
            desk.close();
        }
    }

    @ParameterizedTest(name = "{0} restart(s) of storage before the leg is resumed")
    @ValueSource(ints = {1, 2})
    void nothingTheOldSinkReceivesWhileStorageRestartsIsLost(int restarts) throws Exception {
        desk = new HandoverDesk(30);
        StorageComponent storage = start(Map.of(), desk);
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "late-" + restarts, "1001", "2002"));
        PcmSink oldSink = near.sink();
        short[] tone = Signals.tone(700, RATE, 4 * RATE, -12);
        oldSink.begin(RATE, "PCMU", ANCHOR);
        int at = frames(oldSink, tone, 0, 0, RATE);                 // 1 s before the restart
        for (int i = 0; i < restarts; i++) {
            stop(storage);
            at = frames(oldSink, tone, 0, at, 1920);                // 240 ms while no storage is active
            storage = start(Map.of(), desk);
            at = frames(oldSink, tone, 0, at, 320);                 // 40 ms while the new activation has it parked
        }

        LegHandle resumed = storage.resumeLeg(near.legId());
        assertThat(JournalScan.of(journal(near)).pcmEnd()).as("in the journal when resumeLeg returns").isEqualTo(at);
        at = frames(oldSink, tone, 0, at, 480);                     // until the RTP side hands the sockets over
        oldSink.close();
        // The new media session goes on with the timeline where the old one stopped: its position 0 is `at`.
        PcmSink newSink = resumed.sink();
        newSink.begin(RATE, "PCMU", ANCHOR + at * 1_000_000L / RATE);
        frames(newSink, tone, at, at, 4 * RATE - at);
        int begins = begins(journal(near));
        LateAudio late = ((JournalSink) oldSink).lateAudio().get(0);
        end(resumed);

        assertThat(begins).isEqualTo(1);
        assertThat(late.finished()).isTrue();
        assertThat(late.dropped()).isZero();
        assertThat(((JournalSink) oldSink).dropped()).isZero();
        Recording recording = awaitState(storage, near.recordingId(), RecordingState.SEALED);
        assertThat(recording.recovered()).isFalse();
        assertThat(recording.durationMillis()).isEqualTo(4000);
        short[] pcm = wavSamples(storage, near.recordingId());
        assertThat(pcm.length / 2).isEqualTo(4 * RATE);
        double quietest = 0;
        int silent = 0;
        for (int window = 0; window < 4 * RATE; window += FRAME) {
            double rms = Signals.rmsDbfs(pcm, 2 * window, FRAME, 2);
            quietest = Math.min(quietest, rms);
            silent += rms < -24 ? 1 : 0;
        }
        // The tone's RMS is -15 dBFS and Opus keeps every window of it above -18; one lost 20 ms frame makes its
        // window about -33 dBFS.
        System.out.printf("late audio, %d restart(s): %d silent 20 ms window(s), quietest %.2f dBFS%n", restarts,
                silent, quietest);
        assertThat(silent).as("20 ms windows of the near channel below -24 dBFS").isZero();
    }

    @Test
    void aLegNobodyResumesIsSealedFromItsJournalAndItsLateAudioDropped() throws Exception {
        desk = new HandoverDesk(1);
        StorageComponent first = start(LONG_PAIRING, desk);
        LegHandle near = first.openLeg(leg(LegDirection.NEAR, "late-expiry", "1001", "2002"));
        PcmSink oldSink = near.sink();
        oldSink.begin(RATE, "PCMU", ANCHOR);
        writeTone(oldSink, 0, 700, RATE, RATE);
        stop(first);
        writeTone(oldSink, RATE, 700, RATE, 1600);
        LateAudio late = ((JournalSink) oldSink).lateAudio().get(0);
        assertThat(late.added()).isEqualTo(1600);

        StorageComponent second = start(LONG_PAIRING, desk);
        Recording recording = awaitState(second, near.recordingId(), RecordingState.SEALED);
        oldSink.append(RATE + 1600, new short[FRAME], 0, FRAME);
        oldSink.close();

        assertThat(recording.recovered()).isTrue();
        assertThat(recording.durationMillis()).as("what the journal held").isEqualTo(1000);
        assertThat(late.finished()).isTrue();
        assertThat(late.dropped()).isEqualTo(1600 + FRAME);
    }

    @Test
    void lateAudioIsDroppedWhenStorageDoesNotComeBackWithinTheWindow() throws Exception {
        desk = new HandoverDesk(1);
        StorageComponent first = start(LONG_PAIRING, desk);
        LegHandle near = first.openLeg(leg(LegDirection.NEAR, "late-gone", "1001", "2002"));
        PcmSink oldSink = near.sink();
        oldSink.begin(RATE, "PCMU", ANCHOR);
        writeTone(oldSink, 0, 700, RATE, RATE);
        stop(first);
        oldSink.append(RATE, new short[FRAME], 0, FRAME);
        LateAudio late = ((JournalSink) oldSink).lateAudio().get(0);

        await().atMost(Duration.ofSeconds(10)).until(late::finished);
        oldSink.append(RATE + FRAME, new short[FRAME], 0, FRAME);
        oldSink.close();

        assertThat(late.added()).isEqualTo(FRAME);
        assertThat(late.dropped()).isEqualTo(2 * FRAME);
        StorageComponent second = start(LONG_PAIRING, desk);
        assertThat(awaitState(second, near.recordingId(), RecordingState.SEALED).recovered()).isTrue();
    }

    /**
     * Appends {@code count} samples of {@code tone} from tone index {@code from} in 20 ms frames, at sink positions
     * shifted by {@code origin}, flushing every 500 ms as the media layer does. @return the index after the last
     */
    private static int frames(PcmSink sink, short[] tone, int origin, int from, int count) throws IOException {
        for (int at = from; at < from + count; at += FRAME) {
            sink.append(at - origin, tone, at, FRAME);
            if ((at / FRAME) % 25 == 24) {
                sink.flush();
            }
        }
        sink.flush();
        return from + count;
    }

    private Path journal(LegHandle leg) throws IOException {
        String name = leg.legId() + JournalFormat.FILE_SUFFIX;
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    private static int begins(Path journal) throws IOException {
        int begins = 0;
        try (JournalReader reader = JournalReader.open(journal)) {
            while (reader.next()) {
                if (reader.type() == RecordType.BEGIN) {
                    begins++;
                }
            }
        }
        return begins;
    }
}
