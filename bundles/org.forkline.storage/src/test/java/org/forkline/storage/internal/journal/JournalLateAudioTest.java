package org.forkline.storage.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.forkline.storage.internal.journal.JournalHandoverTest.pcm;
import static org.forkline.storage.internal.journal.JournalHandoverTest.ramp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.Party;
import org.forkline.storage.internal.journal.JournalHandoverTest.Pcm;
import org.forkline.storage.internal.testing.TestFolders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Audio a detached sink receives during a handover: kept at journal positions, written by the leg's next sink. */
class JournalLateAudioTest {

    private static final long ANCHOR = 1_700_000_000_000_000L;

    private JournalStore store;
    private LegMeta meta;

    @BeforeEach
    void setUp() throws IOException {
        store = new JournalStore(TestFolders.fresh(JournalLateAudioTest.class));
        meta = new LegMeta(UUID.randomUUID(), UUID.randomUUID(), Instant.ofEpochMilli(ANCHOR / 1000), "node1",
                new LegMetadata(LegDirection.NEAR, "Cluster1", "refci-1", new Party("1001", null, null),
                        new Party("2002", null, null), null, null, null, null, "call-1@cucm", Map.of()));
    }

    @Test
    void aDetachedSinkKeepsWhatItReceivesAtJournalPositions() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink first = new JournalSink(file);
        first.begin(8000, "PCMU", ANCHOR);
        first.append(0, ramp(0, 800), 0, 800);
        first.close();
        // A resumed sink whose caller's position 0 is journal position 400.
        JournalSink second = JournalSink.continuing(file, first.timeline(), first.end());
        second.begin(8000, "PCMU", ANCHOR + 50_000);
        second.append(400, ramp(800, 160), 0, 160);

        LateAudio late = LateAudio.create(null);
        second.detach(late);
        second.append(560, ramp(960, 160), 0, 160);
        second.flush();
        second.append(720, ramp(1120, 160), 0, 160);

        assertThat(late.timeline()).isEqualTo(new BeginRecord(8000, "PCMU", ANCHOR));
        assertThat(late.added()).isEqualTo(320);
        assertThat(second.dropped()).isZero();
        LateAudio.Chunk chunk = late.take(Long.MAX_VALUE);
        assertThat(chunk.position()).isEqualTo(960);
        assertThat(chunk.samples()).containsExactly(ramp(960, 160));
        assertThat(late.take(1120)).as("nothing before 1120 left").isNull();
        assertThat(late.take(1121).position()).isEqualTo(1120);
        assertThat(late.finished()).isFalse();
        second.close();
        assertThat(late.finished()).isTrue();
        assertThat(pcm(file.path(), new int[1])).extracting(Pcm::position).containsExactly(0L, 800L);
    }

    @Test
    void theNextSinkWritesTheLateAudioFirstAndWhatTheOldSinkReceivesUntilItIsClosed() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink old = new JournalSink(file);
        old.begin(8000, "PCMU", ANCHOR);
        old.append(0, ramp(0, 800), 0, 800);
        LateAudio late = LateAudio.create(null);
        old.detach(late);
        file.close();
        old.append(800, ramp(800, 160), 0, 160);   // no storage active
        old.append(960, ramp(960, 160), 0, 160);

        JournalScan scan = JournalScan.of(file.path());
        JournalFile reopened = JournalFile.reopen(file.path(), scan.goodBytes());
        JournalSink next = JournalSink.continuing(reopened, scan.begin(), scan.pcmEnd(), List.of(late));
        next.flush();
        assertThat(next.end()).as("written before the leg is handed back").isEqualTo(1120);
        assertThat(JournalScan.of(file.path()).pcmEnd()).isEqualTo(1120);

        old.append(1120, ramp(1120, 160), 0, 160);   // the old session still runs for a moment
        // The new session's position 0 is journal position 1280.
        next.begin(8000, "PCMU", ANCHOR + 160_000);
        next.append(0, ramp(1280, 160), 0, 160);
        old.append(1280, ramp(1280, 160), 0, 160);   // overlaps what the new session wrote: dropped
        old.append(1440, ramp(1440, 160), 0, 160);   // arrives after the new session's own 1280: waits, then dropped
        next.append(160, ramp(1440, 160), 0, 160);
        old.close();
        next.append(320, ramp(1600, 160), 0, 160);
        assertThat(late.finished()).isTrue();
        next.close();
        reopened.close();

        int[] begins = new int[1];
        assertThat(contiguous(pcm(file.path(), begins))).containsExactly(ramp(0, 1760));
        assertThat(begins[0]).isEqualTo(1);
        assertThat(next.lateWritten()).isEqualTo(480);
        assertThat(late.added()).isEqualTo(800);
        assertThat(late.dropped()).isZero();
    }

    @Test
    void audioThatBeganOnlyAfterTheHandoverGetsTheOldSinksBeginAndOnlyThat() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink old = new JournalSink(file);
        LateAudio late = LateAudio.create(null);
        old.detach(late);
        file.close();
        old.begin(16000, "G722", ANCHOR + 7_000_000);
        old.append(0, ramp(0, 320), 0, 320);

        JournalScan scan = JournalScan.of(file.path());
        assertThat(scan.begin()).isNull();
        JournalFile reopened = JournalFile.reopen(file.path(), scan.goodBytes());
        JournalSink next = JournalSink.continuing(reopened, scan.begin(), scan.pcmEnd(), List.of(late));
        next.flush();
        old.close();
        next.begin(16000, "G722", ANCHOR + 7_020_000);
        next.append(0, ramp(320, 320), 0, 320);
        next.close();
        reopened.close();

        int[] begins = new int[1];
        assertThat(contiguous(pcm(file.path(), begins))).containsExactly(ramp(0, 640));
        assertThat(begins[0]).isEqualTo(1);
        assertThat(next.timeline()).isEqualTo(new BeginRecord(16000, "G722", ANCHOR + 7_000_000));
    }

    @Test
    void theNextSinkDrainsWhileTheOldSinkStillAppendsOnAnotherThread() throws Exception {
        JournalFile file = store.create(meta);
        JournalSink old = new JournalSink(file);
        old.begin(8000, "PCMU", ANCHOR);
        old.append(0, ramp(0, 160), 0, 160);
        LateAudio late = LateAudio.create(null);
        old.detach(late);
        file.close();
        JournalScan scan = JournalScan.of(file.path());
        JournalFile reopened = JournalFile.reopen(file.path(), scan.goodBytes());
        JournalSink next = JournalSink.continuing(reopened, scan.begin(), scan.pcmEnd(), List.of(late));
        int oldEnd = 160 * 400;
        ExecutorService rtpLoop = Executors.newSingleThreadExecutor();
        try {
            Future<?> oldSession = rtpLoop.submit(() -> {
                for (int at = 160; at < oldEnd; at += 160) {
                    old.append(at, ramp(at, 160), 0, 160);
                }
                old.close();
                return null;
            });
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> {
                next.flush();   // the new session's flushes before its first packet
                return late.finished();
            });
            oldSession.get(10, TimeUnit.SECONDS);
        } finally {
            rtpLoop.shutdownNow();
            assertThat(rtpLoop.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        next.begin(8000, "PCMU", ANCHOR + oldEnd * 125L);
        next.append(0, ramp(oldEnd, 160), 0, 160);
        next.close();
        reopened.close();

        assertThat(contiguous(pcm(file.path(), new int[1]))).containsExactly(ramp(0, oldEnd + 160));
        assertThat(next.lateWritten()).isEqualTo(oldEnd - 160);
    }

    @Test
    void lateAudioOfTwoHandoversInARowIsWrittenInOrderByTheThirdSink() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink first = new JournalSink(file);
        first.begin(8000, "PCMU", ANCHOR);
        first.append(0, ramp(0, 160), 0, 160);
        LateAudio firstLate = LateAudio.create(null);
        first.detach(firstLate);
        file.close();
        first.append(160, ramp(160, 160), 0, 160);

        JournalFile second = reopen(file.path());
        JournalSink resumed = JournalSink.continuing(second, JournalScan.of(file.path()).begin(),
                JournalScan.of(file.path()).pcmEnd(), List.of(firstLate));
        resumed.flush();
        first.append(320, ramp(320, 160), 0, 160);
        // Storage restarts again before the first session has handed its sockets over.
        LateAudio secondLate = LateAudio.create(null);
        resumed.detach(secondLate);
        second.close();
        first.append(480, ramp(480, 160), 0, 160);
        first.close();
        resumed.begin(8000, "PCMU", ANCHOR + 640 * 125L);
        resumed.append(0, ramp(640, 160), 0, 160);
        resumed.append(160, ramp(800, 160), 0, 160);

        JournalFile third = reopen(file.path());
        JournalScan scan = JournalScan.of(file.path());
        JournalSink last = JournalSink.continuing(third, scan.begin(), scan.pcmEnd(), resumed.lateAudio());
        last.flush();
        resumed.close();
        last.begin(8000, "PCMU", ANCHOR + 960 * 125L);
        last.append(0, ramp(960, 160), 0, 160);
        last.close();
        third.close();

        int[] begins = new int[1];
        assertThat(contiguous(pcm(file.path(), begins))).containsExactly(ramp(0, 1120));
        assertThat(begins[0]).isEqualTo(1);
        assertThat(firstLate.finished()).isTrue();
        assertThat(secondLate.finished()).isTrue();
    }

    @Test
    void aDetachedSinkKeepsTenSecondsAndCountsWhatItDrops() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink old = new JournalSink(file);
        old.begin(8000, "PCMU", ANCHOR);
        LateAudio late = LateAudio.create(null);
        old.detach(late);
        file.close();
        for (int at = 0; at < 11 * 8000; at += 160) {
            old.append(at, ramp(at, 160), 0, 160);
        }
        old.close();

        assertThat(late.added()).isEqualTo(10 * 8000);
        assertThat(late.dropped()).isEqualTo(8000);
        JournalFile reopened = JournalFile.reopen(file.path(), JournalScan.of(file.path()).goodBytes());
        JournalSink next = JournalSink.continuing(reopened, old.timeline(), 0, List.of(late));
        next.close();
        reopened.close();
        assertThat(next.lateWritten()).isEqualTo(10 * 8000);
        assertThat(JournalScan.of(file.path()).pcmEnd()).isEqualTo(10 * 8000);
    }

    @Test
    void discardedLateAudioDropsWhatTheOldSinkStillReceives() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink old = new JournalSink(file);
        old.begin(8000, "PCMU", ANCHOR);
        LateAudio late = LateAudio.create(null);
        old.detach(late);
        old.append(0, ramp(0, 160), 0, 160);

        late.discard();
        old.append(160, ramp(160, 160), 0, 160);

        assertThat(late.added()).isEqualTo(160);
        assertThat(late.dropped()).isEqualTo(320);
        assertThat(late.take(Long.MAX_VALUE)).isNull();
        assertThat(late.finished()).isTrue();
    }

    private static JournalFile reopen(Path path) throws IOException {
        return JournalFile.reopen(path, JournalScan.of(path).goodBytes());
    }

    /** The samples of records that follow each other without a gap, from position 0. */
    private static short[] contiguous(List<Pcm> records) {
        int total = records.stream().mapToInt(r -> r.samples().length).sum();
        short[] all = new short[total];
        long expected = 0;
        for (Pcm record : records) {
            assertThat(record.position()).as("records follow each other").isEqualTo(expected);
            System.arraycopy(record.samples(), 0, all, (int) expected, record.samples().length);
            expected += record.samples().length;
        }
        return all;
    }
}
