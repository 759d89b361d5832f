package org.forkline.storage.internal.opus;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Reads the packets of a single-stream Ogg file in order, checking each page's checksum (RFC 3533). */
public final class OggPacketReader implements Closeable {

    private static final int MAX_PAGE_BYTES = OggPageWriter.HEADER_BYTES + 255 + 255 * 255;

    private final InputStream in;
    private final byte[] page = new byte[MAX_PAGE_BYTES];
    private byte[] packet = new byte[4096];
    private int packetLength;
    private int segmentCount;
    private int segmentIndex;
    private int bodyPosition;
    private long pageGranule;
    private boolean endOfStream;

    public OggPacketReader(InputStream in) {
        this.in = in;
    }

    public static OggPacketReader open(Path file) throws IOException {
        return new OggPacketReader(new BufferedInputStream(Channels.newInputStream(
                FileChannel.open(file, StandardOpenOption.READ)), 64 * 1024));
    }

    /**
     * Moves to the next complete packet.
     *
     * @return false at the end of the stream
     */
    public boolean next() throws IOException {
        packetLength = 0;
        while (true) {
            if (segmentIndex >= segmentCount) {
                if (endOfStream || !readPage()) {
                    return false;
                }
            }
            while (segmentIndex < segmentCount) {
                int lacing = page[OggPageWriter.HEADER_BYTES + segmentIndex++] & 0xFF;
                append(page, bodyPosition, lacing);
                bodyPosition += lacing;
                if (lacing < 255) {
                    return true;
                }
            }
        }
    }

    public byte[] packet() {
        return packet;
    }

    public int packetLength() {
        return packetLength;
    }

    /** Granule position of the page the current packet ended on. */
    public long pageGranule() {
        return pageGranule;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Granule position of the file's last page: the end of its audio, read from the tail of the file. */
    public static long lastGranule(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, MAX_PAGE_BYTES);
            ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
            while (tail.hasRemaining() && channel.read(tail, size - tailLength + tail.position()) > 0) {
                // read until the buffer is full
            }
            byte[] bytes = tail.array();
            for (int start = tailLength - OggPageWriter.HEADER_BYTES; start >= 0; start--) {
                if (bytes[start] == 'O' && bytes[start + 1] == 'g' && bytes[start + 2] == 'g' && bytes[start + 3] == 'S'
                        && isPageEndingAt(bytes, start, tailLength)) {
                    return tail.getLong(start + 6);
                }
            }
        }
        throw new IOException("no complete Ogg page at the end of " + file);
    }

    private static boolean isPageEndingAt(byte[] bytes, int start, int end) {
        int segments = bytes[start + 26] & 0xFF;
        int headerEnd = start + OggPageWriter.HEADER_BYTES + segments;
        if (headerEnd > end) {
            return false;
        }
        int length = headerEnd - start;
        for (int i = 0; i < segments; i++) {
            length += bytes[start + OggPageWriter.HEADER_BYTES + i] & 0xFF;
        }
        return start + length == end && checksumMatches(bytes, start, length);
    }

    private static boolean checksumMatches(byte[] bytes, int start, int length) {
        byte[] copy = Arrays.copyOfRange(bytes, start, start + length);
        int stored = ByteBuffer.wrap(copy, 22, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        Arrays.fill(copy, 22, 26, (byte) 0);
        return OggCrc.update(0, copy, 0, length) == stored;
    }

    private boolean readPage() throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        page[0] = (byte) first;
        readFully(1, OggPageWriter.HEADER_BYTES - 1);
        if (page[0] != 'O' || page[1] != 'g' || page[2] != 'g' || page[3] != 'S') {
            throw new IOException("Ogg page capture pattern missing");
        }
        segmentCount = page[26] & 0xFF;
        readFully(OggPageWriter.HEADER_BYTES, segmentCount);
        int bodyLength = 0;
        for (int i = 0; i < segmentCount; i++) {
            bodyLength += page[OggPageWriter.HEADER_BYTES + i] & 0xFF;
        }
        bodyPosition = OggPageWriter.HEADER_BYTES + segmentCount;
        readFully(bodyPosition, bodyLength);
        if (!checksumMatches(page, 0, bodyPosition + bodyLength)) {
            throw new IOException("Ogg page checksum mismatch");
        }
        pageGranule = ByteBuffer.wrap(page, 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        endOfStream = (page[5] & 0x04) != 0;
        segmentIndex = 0;
        return true;
    }

    private void readFully(int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int read = in.read(page, offset + done, length - done);
            if (read < 0) {
                throw new EOFException("Ogg page cut short");
            }
            done += read;
        }
    }

    private void append(byte[] source, int offset, int length) {
        if (packetLength + length > packet.length) {
            packet = Arrays.copyOf(packet, Math.max(packet.length * 2, packetLength + length));
        }
        System.arraycopy(source, offset, packet, packetLength, length);
        packetLength += length;
    }
}
