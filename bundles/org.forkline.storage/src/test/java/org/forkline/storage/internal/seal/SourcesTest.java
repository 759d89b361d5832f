package org.forkline.storage.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.forkline.storage.internal.testing.Signals;
import org.junit.jupiter.api.Test;

class SourcesTest {

    /** A recorded block of samples starting at position 0. */
    private static PcmSource recorded(short[] samples) {
        return new PcmSource() {
            private int cursor;

            @Override
            public void read(short[] out, int offset, int length) {
                for (int i = 0; i < length; i++, cursor++) {
                    out[offset + i] = cursor < samples.length ? samples[cursor] : 0;
                }
            }

            @Override
            public boolean drained() {
                return cursor >= samples.length;
            }

            @Override
            public long end() {
                return samples.length;
            }
        };
    }

    @Test
    void doublingKeepsTheInputSamplesInPlaceAndTheToneClean() throws Exception {
        short[] input = Signals.tone(1000, 8000, 4000, -6);
        DoublingResampler resampler = new DoublingResampler(recorded(input));
        short[] output = new short[8000];
        for (int at = 0; at < output.length; at += 320) {
            resampler.read(output, at, 320);
        }

        for (int i = 0; i < input.length; i++) {
            assertThat(output[2 * i]).isEqualTo(input[i]);
        }
        assertThat(resampler.end()).isEqualTo(8000);
        assertThat(resampler.drained()).isTrue();
        short[] middle = Arrays.copyOfRange(output, 1000, 7000);
        assertThat(Signals.dominanceDb(middle, 0, middle.length, 1, 1000, 7000, 16000)).isGreaterThan(40);
    }

    @Test
    void mixingSumsSidesWithSaturation() throws Exception {
        short[] a = {1000, 30000, -30000, 5};
        short[] b = {-500, 10000, -10000};
        MixedSource mixed = new MixedSource(List.of(recorded(a), recorded(b)));
        short[] out = new short[4];
        mixed.read(out, 0, 4);

        assertThat(out).containsExactly(500, 32767, -32768, 5);
        assertThat(mixed.end()).isEqualTo(4);
        assertThat(mixed.drained()).isTrue();
    }
}
