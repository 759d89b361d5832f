package org.forkline.itests.support;

/** Measurements on PCM samples: tone energy (Goertzel), RMS level, which tone dominates a time window. */
public final class AudioAnalysis {

    private AudioAnalysis() {
    }

    /** Power of {@code frequencyHz} in {@code samples[from, from+length)} (Goertzel, normalised by length²). */
    public static double goertzelPower(short[] samples, int from, int length, double frequencyHz, int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequencyHz / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = from; i < from + length; i++) {
            double current = samples[i] / 32768.0 + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return power / ((double) length * length);
    }

    /** RMS of a window in dBFS (a full-scale sine is about −3 dBFS); −200 for digital silence. */
    public static double rmsDbfs(short[] samples, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            double value = samples[i] / 32768.0;
            sum += value * value;
        }
        double rms = Math.sqrt(sum / Math.max(1, length));
        return rms == 0 ? -200 : 20 * Math.log10(rms);
    }

    /** RMS in dBFS of {@code [fromMillis, toMillis)} of a channel. */
    public static double rmsDbfs(short[] samples, int sampleRate, long fromMillis, long toMillis) {
        int[] window = window(samples, sampleRate, fromMillis, toMillis);
        return rmsDbfs(samples, window[0], window[1]);
    }

    /**
     * How much stronger {@code expectedHz} is than {@code otherHz} in {@code [fromMillis, toMillis)}, in dB. With
     * both absent (silence) the answer is 0.
     */
    public static double dominanceDb(short[] samples, int sampleRate, long fromMillis, long toMillis,
            double expectedHz, double otherHz) {
        int[] window = window(samples, sampleRate, fromMillis, toMillis);
        double expected = goertzelPower(samples, window[0], window[1], expectedHz, sampleRate);
        double other = goertzelPower(samples, window[0], window[1], otherHz, sampleRate);
        return 10 * Math.log10((expected + 1e-15) / (other + 1e-15));
    }

    /** Share of the window's energy that sits at {@code frequencyHz}, in dB (0 for a pure tone, very low otherwise). */
    public static double toneShareDb(short[] samples, int sampleRate, long fromMillis, long toMillis,
            double frequencyHz) {
        int[] window = window(samples, sampleRate, fromMillis, toMillis);
        double tone = goertzelPower(samples, window[0], window[1], frequencyHz, sampleRate);
        double total = 0;
        for (int i = window[0]; i < window[0] + window[1]; i++) {
            double value = samples[i] / 32768.0;
            total += value * value;
        }
        total /= window[1];
        // A sine of amplitude A has Goertzel power A²/4 and mean square A²/2.
        return 10 * Math.log10((2 * tone + 1e-15) / (total + 1e-15));
    }

    private static int[] window(short[] samples, int sampleRate, long fromMillis, long toMillis) {
        int from = (int) Math.max(0, fromMillis * sampleRate / 1000);
        int to = (int) Math.min(samples.length, toMillis * sampleRate / 1000);
        if (to - from < sampleRate / 100) {
            throw new AssertionError("window [" + fromMillis + ", " + toMillis + ") ms is outside the audio of "
                    + samples.length * 1000L / sampleRate + " ms");
        }
        return new int[] {from, to - from};
    }
}
