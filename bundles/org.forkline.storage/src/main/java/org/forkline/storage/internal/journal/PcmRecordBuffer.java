package org.forkline.storage.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.zip.CRC32C;

/**
 * Frames samples into PCM records in memory (contiguous samples extend one record, a jump starts a new one) and
 * hands them to the journal file with one write per flush, or sooner when the buffer is full. Not thread-safe.
 */
final class PcmRecordBuffer {

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

    PcmRecordBuffer(JournalFile file, int bufferBytes) {
        if (bufferBytes < PCM_RECORD_OVERHEAD + 2) {
            throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes is too small");
        }
        this.file = file;
        this.buffer = ByteBuffer.allocateDirect(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.evenView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        this.oddView = buffer.duplicate().position(1).slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        this.checksumView = buffer.duplicate();
    }

    /** Adds samples at a timeline position, after those already added. */
    void put(long position, short[] samples, int offset, int length) throws IOException {
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
    }

    /** Closes the open record and writes what is buffered to the file. */
    void flush() throws IOException {
        if (recordStart >= 0) {
            closeRecord();
        }
        if (buffer.position() > 0) {
            writeOut();
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
}
