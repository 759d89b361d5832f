package org.forkline.storage.internal.seal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.forkline.storage.internal.opus.ByteSink;

/** Writes to a file through a buffer, computing the SHA-256 of everything written on the way. */
final class DigestingFileSink implements ByteSink {

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final MessageDigest digest;
    private long size;

    DigestingFileSink(FileChannel channel) {
        this.channel = channel;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        digest.update(bytes, offset, length);
        size += length;
        while (length > 0) {
            int count = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, count);
            offset += count;
            length -= count;
            if (!buffer.hasRemaining()) {
                drain();
            }
        }
    }

    /** Writes out the buffer and forces the file to the disk. */
    void flushAndSync() throws IOException {
        drain();
        channel.force(true);
    }

    long size() {
        return size;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
