package org.forkline.rtp.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class G722RoundTripTest {

    private static final int RATE = 16000;

    @ParameterizedTest
    @ValueSource(doubles = {400, 1000, 3000, 6000})
    void encodeThenDecodeKeepsTheToneFrequency(double frequency) {
        short[] tone = Tones.sine(frequency, RATE, RATE, 12000);
        short[] decoded = roundTrip(tone);

        // Skip the adaptation start; compare the tone against neighbours half an octave away.
        double atTone = Tones.power(decoded, 4000, RATE, frequency, RATE);
        double below = Tones.power(decoded, 4000, RATE, frequency / 1.41, RATE);
        double above = Tones.power(decoded, 4000, RATE, frequency * 1.41, RATE);
        double input = Tones.power(tone, 4000, RATE, frequency, RATE);

        assertThat(atTone).isGreaterThan(input * 0.5).isLessThan(input * 2);
        assertThat(atTone).isGreaterThan(100 * below).isGreaterThan(100 * above);
    }

    @Test
    void roundTripReconstructsTheWaveformClosely() {
        short[] tone = Tones.sine(1000, RATE, RATE, 12000);
        short[] decoded = roundTrip(tone);

        // The QMF pair delays by 22 samples; a misaligned QMF would alias far below this (measured: 47 dB).
        int delay = 22;
        double signal = 0;
        double noise = 0;
        for (int i = 4000; i < RATE - delay; i++) {
            double error = decoded[i + delay] - tone[i];
            signal += (double) tone[i] * tone[i];
            noise += error * error;
        }
        assertThat(10 * Math.log10(signal / noise)).isGreaterThan(40);
    }

    @Test
    void silenceStaysNearSilence() {
        short[] decoded = roundTrip(new short[RATE]);
        for (int i = 100; i < decoded.length; i++) {
            assertThat(Math.abs(decoded[i])).isLessThan(64);
        }
    }

    private static short[] roundTrip(short[] pcm) {
        byte[] encoded = new byte[pcm.length / 2];
        new G722Encoder().encode(pcm, 0, pcm.length, encoded, 0);
        short[] decoded = new short[pcm.length];
        new G722Codec().newDecoder().decode(encoded, 0, encoded.length, decoded, 0);
        return decoded;
    }
}
