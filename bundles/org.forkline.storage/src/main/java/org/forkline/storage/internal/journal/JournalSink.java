package org.forkline.storage.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.zip.CRC32C;

import org.forkline.api.storage.PcmSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers one leg's samples as PCM records (contiguous appends extend one record, a jump starts a new one) and hands
 * them to the journal file with one write per flush. A sink made by {@link #continuing} goes on with a journal that
 * already has audio, after a handover. Synchronised only so that deactivation or a handover can close or detach it
 * from another thread; the media thread never contends.
 */
public final class JournalSink implements PcmSink {

    private static final Logger LOG = LoggerFactory.getLogger(JournalSink.class);
    /** About one second of 16 kHz audio: a flush every 500 ms never fills it. */
    public static final int DEFAULT_BUFFER_BYTES = 32 * 1024;
    private static final int PCM_RECORD_OVERHEAD =
            JournalFormat.HEADER_BYTES + JournalFormat.PCM_POSITION_BYTES + JournalFormat.CRC_BYTES;

    private final JournalFile file;
    private final ByteBuffer buffer;
    // Samples start at odd or even byte offsets depending on the records before them; one view for each parity.
    private final ShortBuffer evenView;
    private final ShortBuffer oddView;
    private final ByteBuffer checksumView;
    private final CRC32C crc = new CRC32C();
    /** The journal's BEGIN (written by this sink or found in the journal), null before the first one. */
    private BeginRecord timeline;
    /** Journal positions below this are already in the journal: samples mapped there are dropped. */
    private final long floor;
    /** Added to the caller's positions to place them on the journal's timeline. */
    private long shift;
    private int recordStart = -1;
    private long recordEnd;
    private long nextPosition;
    private boolean begun;
    private boolean closed;
    private boolean detached;
    private long dropped;

    public JournalSink(JournalFile file) {
        this(file, DEFAULT_BUFFER_BYTES, null, 0);
    }

    JournalSink(JournalFile file, int bufferBytes) {
        this(file, bufferBytes, null, 0);
    }

    private JournalSink(JournalFile file, int bufferBytes, BeginRecord timeline, long floor) {
        if (bufferBytes < PCM_RECORD_OVERHEAD + 2) {
            throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes is too small");
        }
        this.file = file;
        this.buffer = ByteBuffer.allocateDirect(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.evenView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        this.oddView = buffer.duplicate().position(1).slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        this.checksumView = buffer.duplicate();
        this.timeline = timeline;
        this.floor = floor;
        this.nextPosition = timeline == null ? 0 : Long.MIN_VALUE;
    }

    /**
     * A sink that goes on with a journal already holding {@code timeline}'s BEGIN (null: none yet) and audio up to
     * journal position {@code end}: its {@link #begin} writes no second BEGIN but maps the caller's timeline onto the
     * journal's, and samples that would land before {@code end} are dropped.
     */
    public static JournalSink continuing(JournalFile file, BeginRecord timeline, long end) {
        return new JournalSink(file, DEFAULT_BUFFER_BYTES, timeline, timeline == null ? 0 : end);
    }

    /** The journal's BEGIN as this sink knows it, null when the leg has had no audio yet. */
    public synchronized BeginRecord timeline() {
        return timeline;
    }

    /** Journal position just after the last sample this sink or its predecessors wrote. */
    public synchronized long end() {
        return Math.max(floor, nextPosition);
    }

    @Override
    public synchronized void begin(int sampleRate, String codec, long anchorEpochMicros) throws IOException {
        if (detached) {
            dropped++;
            return;
        }
        ensureOpen();
        if (begun) {
            throw new IllegalStateException("begin() was already called for " + file.path());
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
        if (timeline == null) {
            BeginRecord record = new BeginRecord(sampleRate, codec, anchorEpochMicros);
            file.append(RecordType.BEGIN, JournalPayloads.encodeBegin(record));
            timeline = record;
        } else if (timeline.sampleRate() != sampleRate) {
            // A journal has one rate (one BEGIN) and the sealer reads it so: going on at another rate would need a
            // resampler here, so the new audio is refused rather than played at the wrong speed.
            throw new IOException("journal " + file.path() + " holds " + timeline.sampleRate() + " Hz audio ("
                    + timeline.codec() + ") and cannot go on at " + sampleRate + " Hz (" + codec + ") after a handover");
        } else {
            shift = Math.round((anchorEpochMicros - timeline.anchorEpochMicros()) * (double) sampleRate / 1_000_000);
        }
        begun = true;
    }

    @Override
    public synchronized void append(long position, short[] samples, int offset, int length) throws IOException {
        if (detached) {
            dropped++;
            return;
        }
        ensureOpen();
        if (!begun) {
            throw new IllegalStateException("append() before begin() on " + file.path());
        }
        position += shift;
        if (position < nextPosition) {
            throw new IllegalArgumentException("position " + (position - shift) + " is before the end of the "
                    + "previous append (" + (nextPosition - shift) + ")");
        }
        if (position < floor) {
            int before = (int) Math.min(length, floor - position);
            offset += before;
            length -= before;
            position += before;
        }
        if (recordStart >= 0 && position != recordEnd) {
            closeRecord();
        }
        while (length > 0) {
            if (recordStart < 0) {
                if (buffer.remaining() < PCM_RECORD_OVERHEAD + 2) {
                    writeOut();
                }
                openRecord(position);
            }
            int room = (buffer.remaining() - JournalFormat.CRC_BYTES) / 2;
            if (room == 0) {
                closeRecord();
                writeOut();
                continue;
            }
            int count = Math.min(room, length);
            int bytePosition = buffer.position();
            ShortBuffer view = (bytePosition & 1) == 0 ? evenView : oddView;
            view.position(bytePosition >> 1).put(samples, offset, count);
            buffer.position(bytePosition + 2 * count);
            offset += count;
            length -= count;
            position += count;
            recordEnd = position;
        }
        nextPosition = position;
    }

    @Override
    public synchronized void flush() throws IOException {
        if (detached) {
            dropped++;
            return;
        }
        ensureOpen();
        if (recordStart >= 0) {
            closeRecord();
        }
        if (buffer.position() > 0) {
            writeOut();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        if (detached) {
            closed = true;
            String message = "The media session that wrote journal {} before a handover closed its sink; {} of its "
                    + "calls after the handover were dropped";
            if (dropped > 0) {
                LOG.info(message, file.path(), dropped);
            } else {
                LOG.debug(message, file.path(), dropped);
            }
            return;
        }
        try {
            flush();  // no fsync here: this runs on an RTP event loop, which must never wait for the disk
        } finally {
            closed = true;
        }
    }

    /**
     * Flushes what is buffered and detaches the sink from its journal for a handover: from now on the calls of a
     * media session still holding it are dropped (and counted) instead of failing, so that session does not end the
     * leg; the next sink of the leg writes instead.
     */
    public synchronized void detach() throws IOException {
        if (detached || closed) {
            detached = true;
            return;
        }
        try {
            flush();
        } finally {
            detached = true;
        }
    }

    /** Calls dropped since the sink was detached. */
    public synchronized long dropped() {
        return dropped;
    }

    private void openRecord(long position) {
        recordStart = buffer.position();
        buffer.put(RecordType.PCM.code()).putInt(0).putLong(position);
        recordEnd = position;
    }

    private void closeRecord() {
        int end = buffer.position();
        buffer.putInt(recordStart + 1, end - recordStart - JournalFormat.HEADER_BYTES);
        crc.reset();
        checksumView.clear().position(recordStart).limit(end);
        crc.update(checksumView);
        buffer.putInt((int) crc.getValue());
        recordStart = -1;
    }

    private void writeOut() throws IOException {
        buffer.flip();
        try {
            file.appendFramed(buffer);
        } finally {
            buffer.clear();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("PCM sink of " + file.path() + " is closed");
        }
    }
}
