package org.forkline.rtp.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.codec.AudioDecoder;
import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void muLawMatchesKnownValuesOfG711() {
        assertThat(ulaw(0xFF)).isEqualTo((short) 0);
        assertThat(ulaw(0x7F)).isEqualTo((short) 0);
        assertThat(ulaw(0x00)).isEqualTo((short) -32124);
        assertThat(ulaw(0x80)).isEqualTo((short) 32124);
        assertThat(ulaw(0xFE)).isEqualTo((short) 8);
        assertThat(ulaw(0x7E)).isEqualTo((short) -8);
        assertThat(ulaw(0xEF)).isEqualTo((short) 132);
        assertThat(ulaw(0xDF)).isEqualTo((short) 396);
    }

    @Test
    void aLawMatchesKnownValuesOfG711() {
        assertThat(alaw(0xD5)).isEqualTo((short) 8);
        assertThat(alaw(0x55)).isEqualTo((short) -8);
        assertThat(alaw(0xAA)).isEqualTo((short) 32256);
        assertThat(alaw(0x2A)).isEqualTo((short) -32256);
        assertThat(alaw(0xD4)).isEqualTo((short) 24);
        assertThat(alaw(0xC5)).isEqualTo((short) 264);
    }

    @Test
    void expansionIsMonotonicAndSymmetric() {
        for (int magnitude = 0; magnitude < 127; magnitude++) {
            // µ-law: larger inverted magnitude bits mean larger values; the sign bit mirrors them.
            assertThat(ulaw(0xFF - magnitude - 1)).isGreaterThan(ulaw(0xFF - magnitude));
            assertThat(ulaw(0x7F - magnitude)).isEqualTo((short) -ulaw(0xFF - magnitude));
            int aPositive = (0x80 | magnitude) ^ 0x55;
            int aPositiveNext = (0x80 | (magnitude + 1)) ^ 0x55;
            assertThat(alaw(aPositiveNext)).isGreaterThan(alaw(aPositive));
            assertThat(alaw(magnitude ^ 0x55)).isEqualTo((short) -alaw(aPositive));
        }
    }

    @Test
    void codecsDecodeOneSamplePerOctet() {
        byte[] payload = {(byte) 0xFF, 0x00, (byte) 0x80};
        short[] out = new short[5];
        AudioDecoder decoder = new PcmuCodec().newDecoder();

        int samples = decoder.decode(payload, 0, 3, out, 2);

        assertThat(samples).isEqualTo(3);
        assertThat(out).containsExactly(0, 0, 0, -32124, 32124);
        assertThat(decoder.maxSamples(160)).isEqualTo(160);
    }

    @Test
    void codecServicesDescribeThemselvesForSdpAndTheStaticTable() {
        assertThat(describe(new PcmuCodec())).isEqualTo("PCMU/8000 -> 8000 Hz, PT 0, preference 10");
        assertThat(describe(new PcmaCodec())).isEqualTo("PCMA/8000 -> 8000 Hz, PT 8, preference 20");
        assertThat(describe(new G722Codec())).isEqualTo("G722/8000 -> 16000 Hz, PT 9, preference 30");
    }

    private static String describe(AudioCodec codec) {
        return codec.encodingName() + "/" + codec.clockRate() + " -> " + codec.sampleRate() + " Hz, PT "
                + codec.staticPayloadType() + ", preference " + codec.preference();
    }

    private static short ulaw(int code) {
        short[] out = new short[1];
        new PcmuCodec().newDecoder().decode(new byte[] {(byte) code}, 0, 1, out, 0);
        return out[0];
    }

    private static short alaw(int code) {
        short[] out = new short[1];
        new PcmaCodec().newDecoder().decode(new byte[] {(byte) code}, 0, 1, out, 0);
        return out[0];
    }
}
