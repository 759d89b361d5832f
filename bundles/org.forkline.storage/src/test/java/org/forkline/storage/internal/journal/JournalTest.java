package org.forkline.storage.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.storage.internal.testing.TestFolders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JournalTest {

    private static final LegMetadata METADATA = new LegMetadata(LegDirection.NEAR, "Cluster1", "refci-1",
            new Party("1001", "SEP001122334455", "Alice"), new Party("+41441234567", "trunk", null), "far-1", "c2",
            "guid-n", "guid-f", "call-1@cucm", Map.of("x-nearendaddr", "1001"));

    private Path folder;
    private JournalStore store;
    private LegMeta meta;

    @BeforeEach
    void setUp() throws IOException {
        folder = TestFolders.fresh(JournalTest.class);
        store = new JournalStore(folder);
        meta = new LegMeta(UUID.randomUUID(), UUID.randomUUID(), Instant.ofEpochMilli(1_700_000_000_123L), "node1",
                METADATA);
    }

    /** A record read back: its type and, for PCM, the position and samples. */
    private record Read(RecordType type, long position, short[] samples, ByteBuffer payload) {
    }

    private List<Read> readAll(Path file, String[] stopReason) throws IOException {
        List<Read> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(file)) {
            while (reader.next()) {
                ByteBuffer payload = reader.payload();
                if (reader.type() == RecordType.PCM) {
                    short[] samples = new short[(payload.remaining() - 8) / 2];
                    payload.position(8).asShortBuffer().get(samples);
                    records.add(new Read(RecordType.PCM, payload.getLong(0), samples, null));
                } else {
                    ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
                    copy.put(payload.duplicate()).flip();
                    records.add(new Read(reader.type(), -1, null, copy));
                }
            }
            stopReason[0] = reader.stopReason();
        }
        return records;
    }

    private static short[] ramp(int from, int count) {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) (from + i * 7 - 20000);
        }
        return samples;
    }

    @Test
    void recordsWrittenThroughTheSinkReadBackInOrder() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink sink = new JournalSink(file);
        sink.begin(8000, "PCMU", 1_700_000_000_500_000L);
        sink.append(0, ramp(0, 160), 0, 160);
        sink.append(160, ramp(160, 160), 0, 160);
        sink.append(800, ramp(800, 80), 0, 80);
        sink.flush();
        sink.close();
        file.append(RecordType.END, JournalPayloads.encodeEnd(new EndRecord("BYE", Instant.ofEpochMilli(5000),
                new MediaStats(1, 2, 3, 4, 5, 6, 7, 8, 9))));
        file.close();

        String[] stop = new String[1];
        List<Read> records = readAll(file.path(), stop);

        assertThat(stop[0]).isNull();
        assertThat(records).extracting(Read::type).containsExactly(RecordType.META, RecordType.BEGIN, RecordType.PCM,
                RecordType.PCM, RecordType.END);
        assertThat(JournalPayloads.decodeMeta(records.get(0).payload())).isEqualTo(meta);
        assertThat(JournalPayloads.decodeBegin(records.get(1).payload()))
                .isEqualTo(new BeginRecord(8000, "PCMU", 1_700_000_000_500_000L));
        assertThat(records.get(2).position()).isZero();
        short[] contiguous = new short[320];
        System.arraycopy(ramp(0, 160), 0, contiguous, 0, 160);
        System.arraycopy(ramp(160, 160), 0, contiguous, 160, 160);
        assertThat(records.get(2).samples()).containsExactly(contiguous);
        assertThat(records.get(3).position()).isEqualTo(800);
        assertThat(records.get(3).samples()).containsExactly(ramp(800, 80));
        EndRecord end = JournalPayloads.decodeEnd(records.get(4).payload());
        assertThat(end.reason()).isEqualTo("BYE");
        assertThat(end.stats()).isEqualTo(new MediaStats(1, 2, 3, 4, 5, 6, 7, 8, 9));
    }

    @Test
    void appendsLargerThanTheBufferAreSplitIntoContiguousRecords() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink sink = new JournalSink(file, 101);
        sink.begin(16000, "G722", 0);
        short[] samples = ramp(0, 1000);
        sink.append(5, samples, 0, 1000);
        sink.close();

        List<Read> records = readAll(file.path(), new String[1]);
        List<Read> pcm = records.stream().filter(r -> r.type() == RecordType.PCM).toList();
        assertThat(pcm).hasSizeGreaterThan(1);
        short[] joined = new short[1000];
        long expected = 5;
        int at = 0;
        for (Read record : pcm) {
            assertThat(record.position()).isEqualTo(expected);
            System.arraycopy(record.samples(), 0, joined, at, record.samples().length);
            at += record.samples().length;
            expected += record.samples().length;
        }
        assertThat(joined).containsExactly(samples);
    }

    @Test
    void unflushedSamplesAreNotInTheFileButFlushedOnesAre() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink sink = new JournalSink(file);
        sink.begin(8000, "PCMU", 0);
        sink.append(0, ramp(0, 160), 0, 160);
        sink.flush();
        sink.append(160, ramp(160, 160), 0, 160);

        List<Read> records = readAll(file.path(), new String[1]);
        assertThat(records.stream().filter(r -> r.type() == RecordType.PCM).mapToInt(r -> r.samples().length).sum())
                .isEqualTo(160);
        file.close();
    }

    @Test
    void tornLastRecordIsToleratedAndEverythingBeforeItRead() throws IOException {
        Path path = writeTwoPcmRecords();
        long size = Files.size(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(size - 30);
        }
        String[] stop = new String[1];
        List<Read> records = readAll(path, stop);

        assertThat(records).extracting(Read::type).containsExactly(RecordType.META, RecordType.BEGIN, RecordType.PCM);
        assertThat(stop[0]).contains("torn PCM record");
    }

    @Test
    void garbageAfterTheLastRecordIsTolerated() throws IOException {
        Path path = writeTwoPcmRecords();
        Files.write(path, new byte[] {3, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x10, 1, 2, 3}, StandardOpenOption.APPEND);
        String[] stop = new String[1];
        List<Read> records = readAll(path, stop);

        assertThat(records).extracting(Read::type).containsExactly(RecordType.META, RecordType.BEGIN, RecordType.PCM,
                RecordType.PCM);
        assertThat(stop[0]).contains("offset");
    }

    @Test
    void checksumMismatchStopsReadingAtThatRecord() throws IOException {
        Path path = writeTwoPcmRecords();
        List<Read> before = readAll(path, new String[1]);
        assertThat(before).hasSize(4);
        long secondPcmOffset = Files.size(path) - (5 + 8 + 2 * 50 + 4);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, secondPcmOffset + 20);
            one.flip();
            byte flipped = (byte) (one.get() ^ 0x40);
            channel.write(ByteBuffer.wrap(new byte[] {flipped}), secondPcmOffset + 20);
        }
        String[] stop = new String[1];
        List<Read> records = readAll(path, stop);

        assertThat(records).extracting(Read::type).containsExactly(RecordType.META, RecordType.BEGIN, RecordType.PCM);
        assertThat(stop[0]).contains("checksum mismatch").contains(String.valueOf(secondPcmOffset));
    }

    @Test
    void appendBeforeBeginOrBackwardsIsRefused() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink sink = new JournalSink(file);
        assertThatThrownBy(() -> sink.append(0, new short[10], 0, 10)).isInstanceOf(IllegalStateException.class);
        sink.begin(8000, "PCMU", 0);
        sink.append(100, new short[10], 0, 10);
        assertThatThrownBy(() -> sink.append(105, new short[10], 0, 10)).isInstanceOf(IllegalArgumentException.class);
        sink.close();
        assertThatThrownBy(() -> sink.append(200, new short[10], 0, 10)).isInstanceOf(IOException.class);
        file.close();
    }

    private Path writeTwoPcmRecords() throws IOException {
        JournalFile file = store.create(meta);
        JournalSink sink = new JournalSink(file);
        sink.begin(8000, "PCMU", 0);
        sink.append(0, ramp(0, 50), 0, 50);
        sink.flush();
        sink.append(1000, ramp(1000, 50), 0, 50);
        sink.close();
        file.close();
        return file.path();
    }
}
