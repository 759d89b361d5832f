package org.forkline.storage.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.Party;
import org.forkline.storage.internal.testing.TestFolders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A journal going on across a handover: detached sinks, continuing sinks, reopening after a torn tail. */
class JournalHandoverTest {

    private static final long ANCHOR = 1_700_000_000_000_000L;

    private JournalStore store;
    private LegMeta meta;

    @BeforeEach
    void setUp() throws IOException {
        store = new JournalStore(TestFolders.fresh(JournalHandoverTest.class));
        meta = new LegMeta(UUID.randomUUID(), UUID.randomUUID(), Instant.ofEpochMilli(ANCHOR / 1000), "node1",
                new LegMetadata(LegDirection.NEAR, "Cluster1", "refci-1", new Party("1001", null, null),
                        new Party("2002", null, null), null, null, null, null, "call-1@cucm", Map.of()));
    }

    /** PCM records read back as (position, samples); BEGIN records counted in {@code begins[0]}. */
    record Pcm(long position, short[] samples) {
    }

    static List<Pcm> pcm(Path file, int[] begins) throws IOException {
        List<Pcm> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(file)) {
            while (reader.next()) {
                ByteBuffer payload = reader.payload();
                if (reader.type() == RecordType.PCM) {
                    short[] samples = new short[(payload.remaining() - 8) / 2];
                    payload.position(8).asShortBuffer().get(samples);
                    records.add(new Pcm(payload.getLong(0), samples));
                } else if (reader.type() == RecordType.BEGIN) {
                    begins[0]++;
                }
            }
            assertThat(reader.stopReason()).isNull();
        }
        return records;
    }

    static short[] ramp(int from, int count) {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) (from + i);
        }
        return samples;
    }

    @Test
    void aDetachedSinkSwallowsEveryCallWithoutFailing() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink sink = new JournalSink(file);
        sink.begin(8000, "PCMU", ANCHOR);
        sink.append(0, ramp(0, 160), 0, 160);

        sink.detach();
        file.close();
        sink.append(160, ramp(160, 160), 0, 160);
        sink.flush();
        sink.append(320, ramp(320, 160), 0, 160);
        sink.close();
        sink.close();

        assertThat(sink.dropped()).isEqualTo(3);
        List<Pcm> records = pcm(file.path(), new int[1]);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.position()).isZero();
            assertThat(r.samples()).containsExactly(ramp(0, 160));
        });
    }

    @Test
    void aContinuingSinkMapsItsTimelineOntoTheJournalsAndDropsWhatIsAlreadyThere() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink first = new JournalSink(file);
        first.begin(8000, "PCMU", ANCHOR);
        first.append(0, ramp(0, 800), 0, 800);
        first.close();

        // The new session's position 0 is heard 50 ms (400 samples) after the leg's; the journal holds 800 samples.
        JournalSink next = JournalSink.continuing(file, first.timeline(), first.end());
        next.begin(8000, "PCMU", ANCHOR + 50_000);
        next.append(0, ramp(1000, 800), 0, 800);
        next.append(1000, ramp(5000, 160), 0, 160);
        next.close();

        int[] begins = new int[1];
        List<Pcm> records = pcm(file.path(), begins);
        assertThat(begins[0]).isEqualTo(1);
        assertThat(records).extracting(Pcm::position).containsExactly(0L, 800L, 1400L);
        assertThat(records.get(1).samples()).containsExactly(ramp(1400, 400));
        assertThat(records.get(2).samples()).containsExactly(ramp(5000, 160));
        assertThat(next.end()).isEqualTo(1560);
        assertThatThrownBy(() -> next.append(0, ramp(0, 1), 0, 1)).isInstanceOf(IOException.class);
    }

    @Test
    void aContinuingSinkWritesTheFirstBeginWhenTheLegHadNoAudioYet() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink first = new JournalSink(file);
        first.detach();

        JournalSink next = JournalSink.continuing(file, first.timeline(), first.end());
        next.begin(16000, "G722", ANCHOR + 7_000_000);
        next.append(0, ramp(0, 320), 0, 320);
        next.flush();

        int[] begins = new int[1];
        assertThat(pcm(file.path(), begins)).extracting(Pcm::position).containsExactly(0L);
        assertThat(begins[0]).isEqualTo(1);
        assertThat(next.timeline()).isEqualTo(new BeginRecord(16000, "G722", ANCHOR + 7_000_000));
    }

    @Test
    void anotherSampleRateIsRefusedBecauseAJournalHasOneRate() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink first = new JournalSink(file);
        first.begin(8000, "PCMU", ANCHOR);
        first.close();

        JournalSink next = JournalSink.continuing(file, first.timeline(), first.end());

        assertThatThrownBy(() -> next.begin(16000, "G722", ANCHOR + 1_000_000)).isInstanceOf(IOException.class)
                .hasMessageContaining("8000 Hz").hasMessageContaining("16000 Hz");
    }

    @Test
    void aReopenedJournalLosesItsTornTailAndGoesOnAfterItsLastGoodRecord() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink first = new JournalSink(file);
        first.begin(8000, "PCMU", ANCHOR);
        first.append(0, ramp(0, 800), 0, 800);
        first.close();
        file.close();
        long good = Files.size(file.path());
        Files.write(file.path(), new byte[] {3, 100, 0, 0, 0, 1, 2, 3}, StandardOpenOption.APPEND);

        JournalScan scan = JournalScan.of(file.path());
        assertThat(scan.meta().legId()).isEqualTo(meta.legId());
        assertThat(scan.begin()).isEqualTo(new BeginRecord(8000, "PCMU", ANCHOR));
        assertThat(scan.pcmEnd()).isEqualTo(800);
        assertThat(scan.ended()).isFalse();
        assertThat(scan.goodBytes()).isEqualTo(good);
        assertThat(scan.tornBytes()).isEqualTo(8);

        JournalFile reopened = JournalFile.reopen(file.path(), scan.goodBytes());
        JournalSink next = JournalSink.continuing(reopened, scan.begin(), scan.pcmEnd());
        next.begin(8000, "PCMU", ANCHOR + 200_000);
        next.append(0, ramp(3000, 160), 0, 160);
        next.close();
        reopened.close();

        assertThat(pcm(file.path(), new int[1])).extracting(Pcm::position).containsExactly(0L, 1600L);
    }
}
