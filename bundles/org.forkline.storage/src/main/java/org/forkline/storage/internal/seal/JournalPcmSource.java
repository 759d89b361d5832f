package org.forkline.storage.internal.seal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import org.forkline.storage.internal.journal.BeginRecord;
import org.forkline.storage.internal.journal.EndRecord;
import org.forkline.storage.internal.journal.JournalPayloads;
import org.forkline.storage.internal.journal.JournalReader;
import org.forkline.storage.internal.journal.LegMeta;
import org.forkline.storage.internal.journal.RecordType;

/**
 * One leg's audio streamed from its journal onto the recording timeline, one PCM record in memory at a time:
 * silence before the leg's start, in its gaps and after its end.
 */
final class JournalPcmSource implements PcmSource, Closeable {

    private final JournalReader reader;
    private LegMeta firstMeta;
    private LegMeta latestMeta;
    private BeginRecord begin;
    private EndRecord endRecord;
    private short[] samples = new short[8192];
    private int recordLength;
    private int recordCursor;
    private long recordPosition;
    private long lead;
    private long cursor;
    private long furthest;
    private boolean exhausted;

    private JournalPcmSource(JournalReader reader) {
        this.reader = reader;
    }

    /** Opens a journal and reads its records up to BEGIN (the metadata and the timeline anchor). */
    static JournalPcmSource open(Path file) throws IOException {
        JournalPcmSource source = new JournalPcmSource(JournalReader.open(file));
        try {
            source.readPreamble();
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    /** The first META record, null when the journal has none (then it cannot be used). */
    LegMeta meta() {
        return firstMeta;
    }

    /** The last META record read so far (after draining: of the whole journal). */
    LegMeta latestMeta() {
        return latestMeta;
    }

    /** The BEGIN record, null when the leg never received audio. */
    BeginRecord begin() {
        return begin;
    }

    /** The END record once drained, null when the leg was still open at a crash. */
    EndRecord endRecord() {
        return endRecord;
    }

    /** Why the journal stopped before its end (torn or corrupt record), or null. */
    String stopReason() {
        return reader.stopReason();
    }

    Path path() {
        return reader.path();
    }

    /** Places position 0 of the leg {@code lead} samples after the recording's start, then loads the first record. */
    void startAt(long leadSamples) throws IOException {
        lead = leadSamples;
        furthest = lead;
        loadNextRecord();
    }

    /** Samples of the leg's own timeline that were written (the leg's end relative to its anchor). */
    long legSamples() {
        return furthest - lead;
    }

    @Override
    public void read(short[] out, int offset, int length) throws IOException {
        while (length > 0) {
            if (recordCursor >= recordLength && !exhausted) {
                loadNextRecord();
                continue;
            }
            if (recordCursor >= recordLength) {
                Arrays.fill(out, offset, offset + length, (short) 0);
                cursor += length;
                return;
            }
            long next = recordPosition + recordCursor;
            if (cursor < next) {
                int silence = (int) Math.min(length, next - cursor);
                Arrays.fill(out, offset, offset + silence, (short) 0);
                offset += silence;
                length -= silence;
                cursor += silence;
            } else if (cursor > next) {
                // Overlapping records cannot come from the sink; keep the earlier samples.
                recordCursor += (int) Math.min(cursor - next, recordLength - recordCursor);
            } else {
                int count = Math.min(length, recordLength - recordCursor);
                System.arraycopy(samples, recordCursor, out, offset, count);
                recordCursor += count;
                offset += count;
                length -= count;
                cursor += count;
                if (recordCursor >= recordLength) {
                    // Looking ahead now makes drained() exact the moment the last sample is delivered.
                    loadNextRecord();
                }
            }
        }
    }

    @Override
    public boolean drained() {
        return exhausted && recordCursor >= recordLength;
    }

    @Override
    public long end() {
        return furthest;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private void readPreamble() throws IOException {
        while (begin == null && reader.next()) {
            switch (reader.type()) {
                case META -> acceptMeta(reader.payload());
                case BEGIN -> begin = JournalPayloads.decodeBegin(reader.payload());
                case END -> {
                    endRecord = JournalPayloads.decodeEnd(reader.payload());
                    exhausted = true;
                    return;
                }
                case PCM -> throw new IOException("PCM record before BEGIN in " + reader.path());
                default -> throw new IllegalStateException("unknown record type " + reader.type());
            }
        }
        if (begin == null) {
            exhausted = true;
        }
    }

    private void loadNextRecord() throws IOException {
        recordLength = 0;
        recordCursor = 0;
        while (!exhausted) {
            if (!reader.next()) {
                exhausted = true;
                return;
            }
            RecordType type = reader.type();
            ByteBuffer payload = reader.payload();
            if (type == RecordType.PCM) {
                long position = payload.getLong(0);
                int count = (payload.remaining() - Long.BYTES) / 2;
                if (samples.length < count) {
                    samples = new short[Math.max(count, samples.length * 2)];
                }
                payload.position(Long.BYTES).asShortBuffer().get(samples, 0, count);
                recordPosition = lead + position;
                recordLength = count;
                furthest = Math.max(furthest, recordPosition + count);
                return;
            } else if (type == RecordType.META) {
                acceptMeta(payload);
            } else if (type == RecordType.END) {
                endRecord = JournalPayloads.decodeEnd(payload);
                exhausted = true;
            }
        }
    }

    private void acceptMeta(ByteBuffer payload) throws IOException {
        LegMeta meta = JournalPayloads.decodeMeta(payload);
        if (firstMeta == null) {
            firstMeta = meta;
        }
        latestMeta = meta;
    }
}
