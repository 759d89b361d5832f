package org.forkline.rtp.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void upsamplesTwoToOneByLinearInterpolation() {
        short[] out = new short[8];
        int samples = Resampler.convert(new short[] {0, 100, 200, 300}, 4, 8000, 16000, out);

        assertThat(samples).isEqualTo(8);
        assertThat(out).containsExactly(0, 50, 100, 150, 200, 250, 300, 300);
    }

    @Test
    void downsamplesTwoToOneByAveragingPairs() {
        short[] out = new short[2];
        int samples = Resampler.convert(new short[] {10, 20, -30, -50}, 4, 16000, 8000, out);

        assertThat(samples).isEqualTo(2);
        assertThat(out).containsExactly(15, -40);
    }

    @Test
    void predictsItsOutputLength() {
        assertThat(Resampler.outputLength(320, 16000, 8000)).isEqualTo(160);
        assertThat(Resampler.outputLength(160, 8000, 16000)).isEqualTo(320);
        assertThat(Resampler.outputLength(160, 8000, 48000)).isEqualTo(960);
    }
}
