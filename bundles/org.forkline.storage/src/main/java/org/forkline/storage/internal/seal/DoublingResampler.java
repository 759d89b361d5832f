package org.forkline.storage.internal.seal;

import java.io.IOException;
import java.util.Arrays;

/**
 * Doubles a channel's sample rate (an 8 kHz leg in a 16 kHz recording): even outputs are the input samples, odd
 * outputs come from a windowed-sinc half-band interpolator. It reads ahead by half the filter so that output stays
 * aligned with input.
 */
final class DoublingResampler implements PcmSource {

    private static final int HALF_TAPS = 8;

    private final PcmSource source;
    private final float[] taps = new float[HALF_TAPS];
    private short[] window = new short[2 * HALF_TAPS + 512];
    private long produced;

    DoublingResampler(PcmSource source) throws IOException {
        this.source = source;
        double sum = 0;
        for (int k = 0; k < HALF_TAPS; k++) {
            double t = k + 0.5;
            double sinc = Math.sin(Math.PI * t) / (Math.PI * t);
            double blackman = 0.42 + 0.5 * Math.cos(Math.PI * t / HALF_TAPS)
                    + 0.08 * Math.cos(2 * Math.PI * t / HALF_TAPS);
            taps[k] = (float) (sinc * blackman);
            sum += 2 * taps[k];
        }
        for (int k = 0; k < HALF_TAPS; k++) {
            taps[k] /= (float) sum;
        }
        source.read(window, HALF_TAPS, HALF_TAPS);
    }

    @Override
    public void read(short[] out, int offset, int length) throws IOException {
        if ((length & 1) != 0) {
            throw new IllegalArgumentException("the resampler produces sample pairs, " + length + " is odd");
        }
        int inputs = length / 2;
        if (window.length < 2 * HALF_TAPS + inputs) {
            window = Arrays.copyOf(window, 2 * HALF_TAPS + inputs);
        }
        source.read(window, 2 * HALF_TAPS, inputs);
        for (int j = 0; j < inputs; j++) {
            int center = HALF_TAPS + j;
            float sum = 0;
            for (int k = 0; k < HALF_TAPS; k++) {
                sum += taps[k] * (window[center - k] + window[center + 1 + k]);
            }
            out[offset + 2 * j] = window[center];
            out[offset + 2 * j + 1] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        System.arraycopy(window, inputs, window, 0, 2 * HALF_TAPS);
        produced += length;
    }

    @Override
    public boolean drained() {
        return source.drained() && produced >= end();
    }

    @Override
    public long end() {
        return 2 * source.end();
    }
}
