package org.forkline.rtp.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forkline.rtp.internal.testing.RtpBuilder.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private final RtpPacket packet = new RtpPacket();

    @Test
    void parsesTheFixedHeader() {
        byte[] bytes = rtp().marker(true).payloadType(8).seq(65535).ts(0xFFFFFFFFL).ssrc(0xCAFEBABE)
                .payload(new byte[] {1, 2, 3}).build();

        assertThat(packet.wrap(Unpooled.wrappedBuffer(bytes))).isTrue();

        assertThat(packet.marker()).isTrue();
        assertThat(packet.payloadType()).isEqualTo(8);
        assertThat(packet.sequenceNumber()).isEqualTo(65535);
        assertThat(packet.timestamp()).isEqualTo(0xFFFFFFFFL);
        assertThat(packet.ssrc()).isEqualTo(0xCAFEBABE);
        assertThat(packet.csrcCount()).isZero();
        assertThat(packet.hasExtension()).isFalse();
        assertThat(payload()).containsExactly(1, 2, 3);
    }

    @Test
    void skipsCsrcList() {
        byte[] bytes = rtp().payloadType(0).csrcs(1, 2, 3).payload(new byte[] {9, 8}).build();

        assertThat(packet.wrap(Unpooled.wrappedBuffer(bytes))).isTrue();

        assertThat(packet.csrcCount()).isEqualTo(3);
        assertThat(payload()).containsExactly(9, 8);
    }

    @Test
    void skipsHeaderExtension() {
        byte[] bytes = rtp().extension(new byte[] {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte) 0x80})
                .payload(new byte[] {7}).build();

        assertThat(packet.wrap(Unpooled.wrappedBuffer(bytes))).isTrue();

        assertThat(packet.hasExtension()).isTrue();
        assertThat(payload()).containsExactly(7);
    }

    @Test
    void removesPadding() {
        byte[] bytes = rtp().payload(new byte[] {5, 6, 7, 8}).padding(4).build();

        assertThat(packet.wrap(Unpooled.wrappedBuffer(bytes))).isTrue();

        assertThat(packet.paddingLength()).isEqualTo(4);
        assertThat(payload()).containsExactly(5, 6, 7, 8);
    }

    @Test
    void handlesCsrcExtensionAndPaddingTogether() {
        byte[] bytes = rtp().csrcs(42).extension(new byte[4]).payload(new byte[] {1, 2}).padding(2).build();

        assertThat(packet.wrap(Unpooled.wrappedBuffer(bytes))).isTrue();

        assertThat(payload()).containsExactly(1, 2);
    }

    @Test
    void acceptsAnEmptyPayload() {
        assertThat(packet.wrap(Unpooled.wrappedBuffer(rtp().build()))).isTrue();
        assertThat(packet.payloadLength()).isZero();
    }

    @Test
    void readsFromTheReaderIndex() {
        byte[] bytes = rtp().seq(77).payload(new byte[] {3}).build();
        ByteBuf buffer = Unpooled.buffer();
        buffer.writeBytes(new byte[] {(byte) 0xEE, (byte) 0xEE});
        buffer.writeBytes(bytes);
        buffer.readerIndex(2);

        assertThat(packet.wrap(buffer)).isTrue();

        assertThat(packet.sequenceNumber()).isEqualTo(77);
        assertThat(payload()).containsExactly(3);
    }

    @Test
    void rejectsMalformedPackets() {
        byte[] valid = rtp().payload(new byte[] {1}).build();
        assertThat(packet.wrap(Unpooled.wrappedBuffer(valid))).isTrue();

        assertThat(packet.wrap(Unpooled.wrappedBuffer(new byte[11]))).as("shorter than the fixed header").isFalse();
        assertThat(packet.wrap(Unpooled.wrappedBuffer(rtp().version(1).build()))).as("version 1").isFalse();
        assertThat(packet.wrap(Unpooled.wrappedBuffer(rtp().version(0).build()))).as("version 0").isFalse();

        byte[] csrcBeyondEnd = rtp().build();
        csrcBeyondEnd[0] |= 0x02;
        assertThat(packet.wrap(Unpooled.wrappedBuffer(csrcBeyondEnd))).as("CSRC list past the end").isFalse();

        byte[] extensionHeaderMissing = rtp().build();
        extensionHeaderMissing[0] |= 0x10;
        assertThat(packet.wrap(Unpooled.wrappedBuffer(extensionHeaderMissing))).as("no extension header").isFalse();

        byte[] extensionTooLong = rtp().extension(new byte[4]).build();
        extensionTooLong[15] = 9;
        assertThat(packet.wrap(Unpooled.wrappedBuffer(extensionTooLong))).as("extension past the end").isFalse();

        byte[] zeroPadding = rtp().payload(new byte[] {1, 0}).build();
        zeroPadding[0] |= 0x20;
        assertThat(packet.wrap(Unpooled.wrappedBuffer(zeroPadding))).as("padding count 0").isFalse();

        byte[] paddingTooLong = rtp().payload(new byte[] {1, 50}).build();
        paddingTooLong[0] |= 0x20;
        assertThat(packet.wrap(Unpooled.wrappedBuffer(paddingTooLong))).as("padding past the header").isFalse();

        byte[] paddingWithoutBytes = rtp().build();
        paddingWithoutBytes[0] |= 0x20;
        assertThat(packet.wrap(Unpooled.wrappedBuffer(paddingWithoutBytes))).as("padding flag, no bytes").isFalse();
    }

    private byte[] payload() {
        byte[] out = new byte[packet.payloadLength()];
        packet.copyPayload(out);
        return out;
    }
}
