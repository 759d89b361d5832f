package org.forkline.itests.support;

import java.nio.ByteBuffer;

/** RTP packets (RFC 3550) without CSRCs or extensions: the fixed 12-byte header and a payload. */
public final class RtpPacket {

    public static final int HEADER_LENGTH = 12;

    private RtpPacket() {
    }

    public static byte[] build(int payloadType, boolean marker, int sequence, long timestamp, long ssrc,
            byte[] payload) {
        ByteBuffer packet = ByteBuffer.allocate(HEADER_LENGTH + payload.length);
        packet.put((byte) 0x80);
        packet.put((byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F)));
        packet.putShort((short) sequence);
        packet.putInt((int) timestamp);
        packet.putInt((int) ssrc);
        packet.put(payload);
        return packet.array();
    }

    public static int sequence(byte[] packet) {
        return ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
    }

    public static long timestamp(byte[] packet) {
        return ByteBuffer.wrap(packet, 4, 4).getInt() & 0xFFFFFFFFL;
    }

    public static long ssrc(byte[] packet) {
        return ByteBuffer.wrap(packet, 8, 4).getInt() & 0xFFFFFFFFL;
    }

    public static int payloadType(byte[] packet) {
        return packet[1] & 0x7F;
    }

    public static boolean isRtpVersion2(byte[] packet) {
        return packet.length >= HEADER_LENGTH && (packet[0] & 0xC0) == 0x80;
    }
}
