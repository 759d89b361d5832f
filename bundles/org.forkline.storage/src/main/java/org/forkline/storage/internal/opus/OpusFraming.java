package org.forkline.storage.internal.opus;

import java.util.List;

/**
 * Converts Opus packets between normal framing (RFC 6716 section 3.2) and self-delimiting framing (appendix B), which
 * is how every stream but the last is stored in a multistream packet. The two differ by one size field: the length of
 * the last frame, implicit in normal framing, explicit at the end of the self-delimited header.
 */
public final class OpusFraming {

    private static final List<Integer> SILK_TENTHS_OF_MS = List.of(100, 200, 400, 600);
    private static final List<Integer> CELT_TENTHS_OF_MS = List.of(25, 50, 100, 200);

    private OpusFraming() {
    }

    /**
     * Writes the self-delimited form of a normal packet.
     *
     * @return bytes written to {@code target}
     */
    public static int toSelfDelimited(byte[] packet, int offset, int length, byte[] target, int targetOffset) {
        Layout layout = parse(packet, offset, length, false);
        int header = layout.headerEnd - offset;
        System.arraycopy(packet, offset, target, targetOffset, header);
        int written = header + writeSize(layout.lastFrameBytes, target, targetOffset + header);
        System.arraycopy(packet, layout.headerEnd, target, targetOffset + written, length - header);
        return written + length - header;
    }

    /**
     * Reads the self-delimited packet at {@code offset} and writes its normal form to {@code target}.
     *
     * @return the self-delimited packet's length in the source (upper 32 bits) and the normal packet's length (lower)
     */
    public static long selfDelimitedToNormal(byte[] data, int offset, int available, byte[] target) {
        Layout layout = parse(data, offset, available, true);
        int header = layout.headerEnd - offset;
        System.arraycopy(data, offset, target, 0, header);
        int bodyStart = layout.headerEnd + layout.sizeFieldBytes;
        int body = layout.end - bodyStart;
        System.arraycopy(data, bodyStart, target, header, body);
        return ((long) (layout.end - offset) << 32) | (header + body);
    }

    /** Samples per channel of one frame coded with this TOC byte, at {@code sampleRate}. */
    public static int frameSamples(byte toc, int sampleRate) {
        int config = (toc & 0xFF) >> 3;
        int tenthsOfMs;
        if (config < 12) {
            tenthsOfMs = SILK_TENTHS_OF_MS.get(config & 3);
        } else if (config < 16) {
            tenthsOfMs = (config & 1) == 0 ? 100 : 200;
        } else {
            tenthsOfMs = CELT_TENTHS_OF_MS.get(config & 3);
        }
        return sampleRate * tenthsOfMs / 10000;
    }

    /** Frames in a (normal or self-delimited) packet, from its TOC and, for code 3, its count byte. */
    public static int frameCount(byte[] packet, int offset) {
        int code = packet[offset] & 3;
        return code == 0 ? 1 : code < 3 ? 2 : packet[offset + 1] & 0x3F;
    }

    /** Where the header ends, how long the last frame is, and (self-delimited) how wide its size field is. */
    private record Layout(int headerEnd, int lastFrameBytes, int sizeFieldBytes, int end) {
    }

    private static Layout parse(byte[] d, int offset, int length, boolean selfDelimited) {
        if (length < 1) {
            throw new IllegalArgumentException("empty Opus packet");
        }
        int end = offset + length;
        int p = offset + 1;
        int code = d[offset] & 3;
        int padding = 0;
        int explicitBytes = 0;
        int frames = 1;
        boolean lastSizeCoversAll = false;
        if (code == 1) {
            frames = 2;
            lastSizeCoversAll = true;
        } else if (code == 2) {
            frames = 2;
            int size = readSize(d, p, end);
            p += sizeBytes(d, p);
            explicitBytes = size;
        } else if (code == 3) {
            check(p < end, "code 3 packet without a frame count");
            int countByte = d[p++] & 0xFF;
            frames = countByte & 0x3F;
            check(frames > 0, "code 3 packet with no frames");
            if ((countByte & 0x40) != 0) {
                int b;
                do {
                    check(p < end, "truncated padding length");
                    b = d[p++] & 0xFF;
                    padding += b == 255 ? 254 : b;
                } while (b == 255);
            }
            if ((countByte & 0x80) != 0) {
                for (int i = 0; i < frames - 1; i++) {
                    explicitBytes += readSize(d, p, end);
                    p += sizeBytes(d, p);
                }
            } else {
                lastSizeCoversAll = true;
            }
        }
        int headerEnd = p;
        int lastFrameBytes;
        int sizeFieldBytes = 0;
        if (selfDelimited) {
            lastFrameBytes = readSize(d, p, end);
            sizeFieldBytes = sizeBytes(d, p);
            int dataBytes = lastSizeCoversAll ? lastFrameBytes * frames : explicitBytes + lastFrameBytes;
            end = headerEnd + sizeFieldBytes + dataBytes + padding;
            check(end <= offset + length, "self-delimited packet longer than the data");
        } else {
            int dataBytes = end - headerEnd - padding;
            lastFrameBytes = lastSizeCoversAll ? dataBytes / frames : dataBytes - explicitBytes;
            check(lastFrameBytes >= 0 && (!lastSizeCoversAll || dataBytes % frames == 0), "inconsistent Opus packet");
        }
        return new Layout(headerEnd, lastFrameBytes, sizeFieldBytes, end);
    }

    private static int readSize(byte[] d, int p, int end) {
        check(p < end, "truncated frame size");
        int first = d[p] & 0xFF;
        if (first < 252) {
            return first;
        }
        check(p + 1 < end, "truncated frame size");
        return first + 4 * (d[p + 1] & 0xFF);
    }

    private static int sizeBytes(byte[] d, int p) {
        return (d[p] & 0xFF) < 252 ? 1 : 2;
    }

    private static int writeSize(int size, byte[] target, int offset) {
        if (size < 252) {
            target[offset] = (byte) size;
            return 1;
        }
        int first = 252 + (size & 3);
        target[offset] = (byte) first;
        target[offset + 1] = (byte) ((size - first) >> 2);
        return 2;
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
