package org.forkline.storage.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.zip.CRC32C;

import org.forkline.api.storage.PcmSink;

/**
 * Buffers one leg's samples as PCM records (contiguous appends extend one record, a jump starts a new one) and hands
 * them to the journal file with one write per flush. Synchronised only so that deactivation can close it from
 * another thread; the media thread never contends.
 */
public final class JournalSink implements PcmSink {

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
    private int recordStart = -1;
    private long recordEnd;
    private long nextPosition;
    private boolean begun;
    private boolean closed;

    public JournalSink(JournalFile file) {
        this(file, DEFAULT_BUFFER_BYTES);
    }

    JournalSink(JournalFile file, int bufferBytes) {
        if (bufferBytes < PCM_RECORD_OVERHEAD + 2) {
            throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes is too small");
        }
        this.file = file;
        this.buffer = ByteBuffer.allocateDirect(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.evenView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        this.oddView = buffer.duplicate().position(1).slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        this.checksumView = buffer.duplicate();
    }

    @Override
    public synchronized void begin(int sampleRate, String codec, long anchorEpochMicros) throws IOException {
        ensureOpen();
        if (begun) {
            throw new IllegalStateException("begin() was already called for " + file.path());
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
        BeginRecord record = new BeginRecord(sampleRate, codec, anchorEpochMicros);
        file.append(RecordType.BEGIN, JournalPayloads.encodeBegin(record));
        begun = true;
    }

    @Override
    public synchronized void append(long position, short[] samples, int offset, int length) throws IOException {
        ensureOpen();
        if (!begun) {
            throw new IllegalStateException("append() before begin() on " + file.path());
        }
        if (position < nextPosition) {
            throw new IllegalArgumentException("position " + position + " is before the end of the previous append ("
                    + nextPosition + ")");
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
        try {
            flush();  // no fsync here: this runs on an RTP event loop, which must never wait for the disk
        } finally {
            closed = true;
        }
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
