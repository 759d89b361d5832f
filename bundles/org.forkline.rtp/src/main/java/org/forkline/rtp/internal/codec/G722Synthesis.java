package org.forkline.rtp.internal.codec;

import java.util.Arrays;

/** G.722 receive QMF: recombines the two 8 kHz sub-band signals into 16 kHz, 16-bit PCM. */
final class G722Synthesis {

    /** Sum and difference histories, newest first; 12 taps each. */
    private final int[] sums = new int[12];
    private final int[] differences = new int[12];

    /** Adds one pair of sub-band samples and writes the two output samples at {@code out[offset]}. */
    void push(int low, int high, short[] out, int offset) {
        System.arraycopy(sums, 0, sums, 1, 11);
        System.arraycopy(differences, 0, differences, 1, 11);
        sums[0] = low + high;
        differences[0] = low - high;
        int first = 0;
        int second = 0;
        int[] taps = G722Tables.QMF_EVEN_TAPS;
        for (int i = 0; i < 12; i++) {
            first += taps[i] * differences[i];
            second += taps[11 - i] * sums[i];
        }
        // The taps sum to 4096 per phase; the sub-bands carry half the 16-bit amplitude, hence >> 11.
        out[offset] = (short) G722SubBand.saturate(first >> 11);
        out[offset + 1] = (short) G722SubBand.saturate(second >> 11);
    }

    void reset() {
        Arrays.fill(sums, 0);
        Arrays.fill(differences, 0);
    }
}
