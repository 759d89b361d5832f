package org.forkline.rtp.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class G722DecoderTest {

    /**
     * Fixtures made once with ffmpeg 5.1: {@code <name>.g722} encoded by ffmpeg's G.722 encoder from a lavfi source
     * (1 kHz sine; chirp 100 Hz-5 kHz plus noise), {@code <name>.raw} the same file decoded by ffmpeg (s16le).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sine1k", "chirp-noise"})
    void decodesBitExactlyLikeFfmpeg(String fixture) throws IOException {
        byte[] encoded = resource(fixture + ".g722");
        short[] expected = pcm(resource(fixture + ".raw"));
        short[] decoded = new short[encoded.length * 2];

        int samples = new G722Decoder().decode(encoded, 0, encoded.length, decoded, 0);

        assertThat(samples).isEqualTo(expected.length);
        assertThat(decoded).containsExactly(expected);
    }

    @Test
    void decodesPacketByPacketLikeOneStream() throws IOException {
        byte[] encoded = resource("chirp-noise.g722");
        short[] whole = new short[encoded.length * 2];
        new G722Decoder().decode(encoded, 0, encoded.length, whole, 0);

        G722Decoder decoder = new G722Decoder();
        short[] pieces = new short[encoded.length * 2];
        for (int offset = 0; offset < encoded.length; offset += 160) {
            int length = Math.min(160, encoded.length - offset);
            decoder.decode(encoded, offset, length, pieces, offset * 2);
        }

        assertThat(pieces).containsExactly(whole);
    }

    @Test
    void resetForgetsTheStreamState() throws IOException {
        byte[] encoded = resource("sine1k.g722");
        G722Decoder decoder = new G722Decoder();
        short[] first = new short[encoded.length * 2];
        decoder.decode(encoded, 0, encoded.length, first, 0);

        decoder.reset();
        short[] again = new short[encoded.length * 2];
        decoder.decode(encoded, 0, encoded.length, again, 0);

        assertThat(again).containsExactly(first);
    }

    @Test
    void twoSamplesPerOctet() {
        assertThat(new G722Decoder().maxSamples(160)).isEqualTo(320);
    }

    @Test
    void scaleMantissaTableIsTwoToTheIOver32() {
        for (int i = 0; i < 32; i++) {
            assertThat(G722Tables.SCALE_MANTISSA[i]).isEqualTo((int) Math.round(2048 * Math.pow(2, i / 32.0)));
        }
    }

    @Test
    void sixBitCodeWordsMapOntoEveryQuantiserIntervalOnce() {
        java.util.Set<Integer> codes = new java.util.HashSet<>();
        for (int mil = 1; mil <= 30; mil++) {
            codes.add(G722Tables.lowCodeWord(mil, false));
            codes.add(G722Tables.lowCodeWord(mil, true));
        }
        assertThat(codes).hasSize(60).allMatch(code -> code >= 4 && code <= 63);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = G722DecoderTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    static short[] pcm(byte[] littleEndian) {
        short[] out = new short[littleEndian.length / 2];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }
}
