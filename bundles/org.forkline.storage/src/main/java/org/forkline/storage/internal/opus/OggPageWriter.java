package org.forkline.storage.internal.opus;

import java.io.IOException;

/** Packs packets of one logical Ogg stream (RFC 3533) into pages: lacing, sequence numbers, checksum. */
final class OggPageWriter {

    static final int HEADER_BYTES = 27;
    private static final int MAX_SEGMENTS = 255;
    private static final int MAX_BODY_BYTES = MAX_SEGMENTS * 255;

    private final ByteSink out;
    private final int serial;
    private final byte[] page = new byte[HEADER_BYTES + MAX_SEGMENTS + MAX_BODY_BYTES];
    private final byte[] lacing = new byte[MAX_SEGMENTS];
    private final byte[] body = new byte[MAX_BODY_BYTES];
    private int segments;
    private int bodyLength;
    private int packets;
    private int sequence;
    private boolean firstPage = true;

    OggPageWriter(ByteSink out, int serial) {
        this.out = out;
        this.serial = serial;
    }

    /** True when a packet of this length still fits on the current page. */
    boolean fits(int packetLength) {
        return segments + packetLength / 255 + 1 <= MAX_SEGMENTS;
    }

    /** Packets waiting on the current page. */
    int packets() {
        return packets;
    }

    /** Adds a whole packet to the current page; the caller flushes first when it does not {@link #fits fit}. */
    void add(byte[] packet, int offset, int length) {
        if (!fits(length)) {
            throw new IllegalArgumentException("packet of " + length + " bytes does not fit on the page");
        }
        int remaining = length;
        while (remaining >= 255) {
            lacing[segments++] = (byte) 255;
            remaining -= 255;
        }
        lacing[segments++] = (byte) remaining;
        System.arraycopy(packet, offset, body, bodyLength, length);
        bodyLength += length;
        packets++;
    }

    /** Writes the current page; the first page of the stream is marked as its beginning. */
    void flush(long granulePosition, boolean endOfStream) throws IOException {
        int headerType = (firstPage ? 0x02 : 0) | (endOfStream ? 0x04 : 0);
        page[0] = 'O';
        page[1] = 'g';
        page[2] = 'g';
        page[3] = 'S';
        page[4] = 0;
        page[5] = (byte) headerType;
        putLittleEndian(page, 6, granulePosition, 8);
        putLittleEndian(page, 14, serial, 4);
        putLittleEndian(page, 18, sequence++, 4);
        putLittleEndian(page, 22, 0, 4);
        page[26] = (byte) segments;
        System.arraycopy(lacing, 0, page, HEADER_BYTES, segments);
        System.arraycopy(body, 0, page, HEADER_BYTES + segments, bodyLength);
        int length = HEADER_BYTES + segments + bodyLength;
        putLittleEndian(page, 22, OggCrc.update(0, page, 0, length), 4);
        out.write(page, 0, length);
        firstPage = false;
        segments = 0;
        bodyLength = 0;
        packets = 0;
    }

    static void putLittleEndian(byte[] target, int offset, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
