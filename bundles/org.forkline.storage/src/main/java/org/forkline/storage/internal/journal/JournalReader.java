package org.forkline.storage.internal.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads a journal's records in order. Stops quietly at the end of the file or at the first torn or corrupt record:
 * after a kill -9 the last write may be cut short, and everything before it is still good.
 */
public final class JournalReader implements Closeable {

    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long bufferFileOffset;
    private boolean endOfFile;
    private boolean stopped;
    private String stopReason;
    private RecordType type;
    private ByteBuffer payload;

    private JournalReader(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
        buffer.limit(0);
    }

    public static JournalReader open(Path path) throws IOException {
        JournalReader reader = new JournalReader(path, FileChannel.open(path, StandardOpenOption.READ));
        try {
            reader.readMagic();
        } catch (IOException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    public Path path() {
        return path;
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the journal: end of file, or a torn or corrupt record ({@link #stopReason()})
     */
    public boolean next() throws IOException {
        type = null;
        payload = null;
        if (stopped) {
            return false;
        }
        long recordOffset = bufferFileOffset + buffer.position();
        if (!fill(JournalFormat.HEADER_BYTES)) {
            return stop(buffer.hasRemaining() ? "torn record header at offset " + recordOffset : null);
        }
        int start = buffer.position();
        RecordType recordType = RecordType.of(buffer.get(start));
        int length = buffer.getInt(start + 1);
        if (recordType == null || length < 0 || length > JournalFormat.MAX_PAYLOAD_BYTES) {
            return stop("corrupt record header at offset " + recordOffset);
        }
        int total = JournalFormat.HEADER_BYTES + length + JournalFormat.CRC_BYTES;
        if (!fill(total)) {
            return stop("torn " + recordType + " record at offset " + recordOffset);
        }
        start = buffer.position();
        int crcOffset = start + JournalFormat.HEADER_BYTES + length;
        crc.reset();
        crc.update(buffer.duplicate().position(start).limit(crcOffset));
        if ((int) crc.getValue() != buffer.getInt(crcOffset)) {
            return stop("checksum mismatch in " + recordType + " record at offset " + recordOffset);
        }
        type = recordType;
        payload = buffer.duplicate().position(start + JournalFormat.HEADER_BYTES).limit(crcOffset).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(start + total);
        return true;
    }

    /** Type of the current record. */
    public RecordType type() {
        return type;
    }

    /** Payload of the current record, valid until the next call to {@link #next()}. */
    public ByteBuffer payload() {
        return payload;
    }

    /** File offset just past the last good record read (past the magic before the first): where appending goes on. */
    public long offset() {
        return bufferFileOffset + buffer.position();
    }

    /** Why reading stopped early (torn or corrupt record), or null when it reached a clean end. */
    public String stopReason() {
        return stopReason;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void readMagic() throws IOException {
        byte[] magic = new byte[JournalFormat.MAGIC.length];
        if (!fill(magic.length)) {
            stop("file shorter than the journal magic");
            return;
        }
        buffer.get(magic);
        if (!Arrays.equals(magic, JournalFormat.MAGIC)) {
            stop("not a Forkline journal (wrong magic)");
        }
    }

    private boolean stop(String reason) {
        stopped = true;
        stopReason = reason;
        return false;
    }

    /** Makes at least {@code bytes} bytes available from the current position, if the file has them. */
    private boolean fill(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return true;
        }
        if (buffer.capacity() < bytes) {
            ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(bytes, buffer.capacity() * 2))
                    .order(ByteOrder.LITTLE_ENDIAN);
            bufferFileOffset += buffer.position();
            larger.put(buffer).flip();
            buffer = larger;
        } else {
            bufferFileOffset += buffer.position();
            buffer.compact().flip();
        }
        while (buffer.remaining() < bytes && !endOfFile) {
            int position = buffer.position();
            buffer.position(buffer.limit()).limit(buffer.capacity());
            int read = channel.read(buffer);
            buffer.limit(buffer.position()).position(position);
            if (read < 0) {
                endOfFile = true;
            }
        }
        return buffer.remaining() >= bytes;
    }
}
