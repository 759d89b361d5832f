package org.forkline.rtp.internal.timeline;

/**
 * Converts one packet of PCM between sample rates when a re-INVITE changed the codec after the sink's rate was
 * fixed: linear interpolation up, averaging down (2:1 either way in practice: G.722 against G.711).
 */
final class Resampler {

    private Resampler() {
    }

    /** Number of output samples {@link #convert} produces. */
    static int outputLength(int count, int fromRate, int toRate) {
        return (int) ((long) count * toRate / fromRate);
    }

    /** @return number of samples written to {@code out} */
    static int convert(short[] in, int count, int fromRate, int toRate, short[] out) {
        int outCount = outputLength(count, fromRate, toRate);
        if (count == 0) {
            return 0;
        }
        if (toRate > fromRate) {
            for (int i = 0; i < outCount; i++) {
                long source = (long) i * fromRate;
                int index = (int) (source / toRate);
                int fraction = (int) (source % toRate);
                int a = in[index];
                int b = in[Math.min(index + 1, count - 1)];
                out[i] = (short) (a + (long) (b - a) * fraction / toRate);
            }
        } else {
            for (int i = 0; i < outCount; i++) {
                int from = (int) ((long) i * fromRate / toRate);
                int to = Math.max(from + 1, (int) ((long) (i + 1) * fromRate / toRate));
                long sum = 0;
                for (int j = from; j < to; j++) {
                    sum += in[j];
                }
                out[i] = (short) (sum / (to - from));
            }
        }
        return outCount;
    }
}
