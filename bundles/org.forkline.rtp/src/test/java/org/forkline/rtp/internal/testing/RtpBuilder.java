package org.forkline.rtp.internal.testing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Builds RTP packets byte by byte, independently of the parser under test. */
public final class RtpBuilder {

    private int version = 2;
    private boolean marker;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private int ssrc = 0x11223344;
    private int[] csrcs = new int[0];
    private byte[] extension;
    private int padding;
    private byte[] payload = new byte[0];

    public static RtpBuilder rtp() {
        return new RtpBuilder();
    }

    public RtpBuilder version(int value) {
        version = value;
        return this;
    }

    public RtpBuilder marker(boolean value) {
        marker = value;
        return this;
    }

    public RtpBuilder payloadType(int value) {
        payloadType = value;
        return this;
    }

    public RtpBuilder seq(int value) {
        sequence = value & 0xFFFF;
        return this;
    }

    public RtpBuilder ts(long value) {
        timestamp = value & 0xFFFFFFFFL;
        return this;
    }

    public RtpBuilder ssrc(int value) {
        ssrc = value;
        return this;
    }

    public RtpBuilder csrcs(int... values) {
        csrcs = values.clone();
        return this;
    }

    /** Header extension body; its length must be a multiple of 4. */
    public RtpBuilder extension(byte[] body) {
        extension = body.clone();
        return this;
    }

    public RtpBuilder padding(int bytes) {
        padding = bytes;
        return this;
    }

    public RtpBuilder payload(byte[] value) {
        payload = value.clone();
        return this;
    }

    /** A payload of {@code length} identical octets. */
    public RtpBuilder payload(int octet, int length) {
        payload = new byte[length];
        Arrays.fill(payload, (byte) octet);
        return this;
    }

    public byte[] build() {
        int length = 12 + 4 * csrcs.length + (extension == null ? 0 : 4 + extension.length) + payload.length + padding;
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put((byte) (version << 6 | (padding > 0 ? 0x20 : 0) | (extension != null ? 0x10 : 0) | csrcs.length));
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequence);
        out.putInt((int) timestamp);
        out.putInt(ssrc);
        for (int csrc : csrcs) {
            out.putInt(csrc);
        }
        if (extension != null) {
            out.putShort((short) 0xBEDE);
            out.putShort((short) (extension.length / 4));
            out.put(extension);
        }
        out.put(payload);
        if (padding > 0) {
            out.put(new byte[padding - 1]);
            out.put((byte) padding);
        }
        return out.array();
    }
}
