package org.forkline.storage.internal.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One leg's journal file, open for appending; writes are serialised because the media thread (PCM) and the
 * signalling threads (META, END) share it.
 */
public final class JournalFile implements Closeable {

    private final Path path;
    private final FileChannel channel;
    private boolean closed;

    private JournalFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Creates the file (it must not exist yet) and writes the magic. */
    public static JournalFile create(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        JournalFile file = new JournalFile(path, channel);
        try {
            file.writeFully(ByteBuffer.wrap(JournalFormat.MAGIC));
        } catch (IOException e) {
            file.close();
            throw e;
        }
        return file;
    }

    /**
     * Opens an existing journal for appending after its first {@code goodBytes} bytes (see {@link JournalScan}): a
     * torn tail beyond them is cut, because records appended after it could not be read.
     */
    public static JournalFile reopen(Path path, long goodBytes) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            if (channel.size() > goodBytes) {
                channel.truncate(goodBytes);
            }
            channel.position(goodBytes);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new JournalFile(path, channel);
    }

    public Path path() {
        return path;
    }

    /** Appends one record with one write. */
    public synchronized void append(RecordType type, byte[] payload) throws IOException {
        writeFully(JournalFormat.frame(type, payload));
    }

    /** Appends records already framed by the caller (the PCM sink's buffer). */
    synchronized void appendFramed(ByteBuffer records) throws IOException {
        writeFully(records);
    }

    /** Forces the written records to the disk. */
    public synchronized void sync() throws IOException {
        ensureOpen();
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        ensureOpen();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("journal " + path + " is closed");
        }
    }
}
