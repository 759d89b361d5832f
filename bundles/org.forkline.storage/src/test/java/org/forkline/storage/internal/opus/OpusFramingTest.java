package org.forkline.storage.internal.opus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class OpusFramingTest {

    private static byte[] roundTrip(byte[] normal) {
        byte[] selfDelimited = new byte[normal.length + 4];
        int length = OpusFraming.toSelfDelimited(normal, 0, normal.length, selfDelimited, 0);
        byte[] withTrailer = Arrays.copyOf(selfDelimited, length + 3);
        withTrailer[length] = 9;
        byte[] back = new byte[normal.length + 4];
        long split = OpusFraming.selfDelimitedToNormal(withTrailer, 0, withTrailer.length, back);
        assertThat((int) (split >>> 32)).as("self-delimited length").isEqualTo(length);
        return Arrays.copyOf(back, (int) split);
    }

    private static byte[] packet(int toc, int... rest) {
        byte[] p = new byte[rest.length + 1];
        p[0] = (byte) toc;
        for (int i = 0; i < rest.length; i++) {
            p[i + 1] = (byte) rest[i];
        }
        return p;
    }

    @Test
    void codeZeroGetsItsFrameLengthAfterTheToc() {
        byte[] normal = packet(0x08, 1, 2, 3, 4, 5);
        byte[] selfDelimited = new byte[16];
        int length = OpusFraming.toSelfDelimited(normal, 0, normal.length, selfDelimited, 0);
        assertThat(Arrays.copyOf(selfDelimited, length)).containsExactly(0x08, 5, 1, 2, 3, 4, 5);
        assertThat(roundTrip(normal)).containsExactly(normal);
    }

    @Test
    void emptyDtxFrameIsTocAndZeroLength() {
        byte[] selfDelimited = new byte[4];
        int length = OpusFraming.toSelfDelimited(new byte[] {0x08}, 0, 1, selfDelimited, 0);
        assertThat(Arrays.copyOf(selfDelimited, length)).containsExactly(0x08, 0);
    }

    @Test
    void longFramesUseTwoByteLengths() {
        byte[] normal = new byte[301];
        normal[0] = 0x08;
        byte[] selfDelimited = new byte[310];
        int length = OpusFraming.toSelfDelimited(normal, 0, normal.length, selfDelimited, 0);
        assertThat(length).isEqualTo(303);
        int size = (selfDelimited[1] & 0xFF) + 4 * (selfDelimited[2] & 0xFF);
        assertThat(size).isEqualTo(300);
        assertThat(roundTrip(normal)).containsExactly(normal);
    }

    @Test
    void codesOneTwoAndThreeRoundTrip() {
        assertThat(roundTrip(packet(0x09, 1, 2, 3, 4))).containsExactly(packet(0x09, 1, 2, 3, 4));
        assertThat(roundTrip(packet(0x0A, 1, 7, 2, 3, 4))).containsExactly(packet(0x0A, 1, 7, 2, 3, 4));
        // code 3, VBR, 3 frames, sizes 1 and 2 explicit, last 3 implicit
        byte[] vbr = packet(0x0B, 0x83, 1, 2, 10, 20, 21, 30, 31, 32);
        assertThat(roundTrip(vbr)).containsExactly(vbr);
        // code 3, CBR with padding: 2 frames of 2 bytes, 2 bytes of padding
        byte[] cbr = packet(0x0B, 0x42, 2, 10, 11, 20, 21, 0, 0);
        assertThat(roundTrip(cbr)).containsExactly(cbr);
    }

    @Test
    void frameSamplesFollowTheTocConfiguration() {
        assertThat(OpusFraming.frameSamples((byte) 0x08, 8000)).isEqualTo(160);
        assertThat(OpusFraming.frameSamples((byte) 0x48, 16000)).isEqualTo(320);
        assertThat(OpusFraming.frameSamples((byte) 0x00, 8000)).isEqualTo(80);
        assertThat(OpusFraming.frameSamples((byte) (31 << 3), 48000)).isEqualTo(960);
    }
}
