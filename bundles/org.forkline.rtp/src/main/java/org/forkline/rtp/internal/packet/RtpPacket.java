package org.forkline.rtp.internal.packet;

import io.netty.buffer.ByteBuf;

/**
 * Reusable view of one RTP packet (RFC 3550 section 5.1) over a {@link ByteBuf}: {@link #wrap} validates the
 * header and records where the payload is, so the steady state allocates nothing.
 */
public final class RtpPacket {

    private static final int FIXED_HEADER = 12;

    private ByteBuf buffer;
    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private int ssrc;
    private int csrcCount;
    private boolean extension;
    private int paddingLength;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Points this view at the readable bytes of {@code datagram}.
     *
     * @return false when the bytes are not a valid RTP version 2 packet; the view is then unusable
     */
    public boolean wrap(ByteBuf datagram) {
        buffer = null;
        int start = datagram.readerIndex();
        int end = datagram.writerIndex();
        if (end - start < FIXED_HEADER) {
            return false;
        }
        int first = datagram.getUnsignedByte(start);
        if (first >> 6 != 2) {
            return false;
        }
        int second = datagram.getUnsignedByte(start + 1);
        marker = (second & 0x80) != 0;
        payloadType = second & 0x7F;
        sequenceNumber = datagram.getUnsignedShort(start + 2);
        timestamp = datagram.getUnsignedInt(start + 4);
        ssrc = datagram.getInt(start + 8);
        csrcCount = first & 0x0F;
        extension = (first & 0x10) != 0;
        int offset = start + FIXED_HEADER + 4 * csrcCount;
        if (extension) {
            if (offset + 4 > end) {
                return false;
            }
            offset += 4 + 4 * datagram.getUnsignedShort(offset + 2);
        }
        if (offset > end) {
            return false;
        }
        paddingLength = 0;
        if ((first & 0x20) != 0) {
            if (offset == end) {
                return false;
            }
            paddingLength = datagram.getUnsignedByte(end - 1);
            if (paddingLength == 0 || offset + paddingLength > end) {
                return false;
            }
        }
        payloadOffset = offset;
        payloadLength = end - paddingLength - offset;
        buffer = datagram;
        return true;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** Sequence number, 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** RTP timestamp, 0..2^32-1. */
    public long timestamp() {
        return timestamp;
    }

    public int ssrc() {
        return ssrc;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public boolean hasExtension() {
        return extension;
    }

    public int paddingLength() {
        return paddingLength;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Copies the payload (without padding) to {@code target} from index 0. */
    public void copyPayload(byte[] target) {
        buffer.getBytes(payloadOffset, target, 0, payloadLength);
    }
}
