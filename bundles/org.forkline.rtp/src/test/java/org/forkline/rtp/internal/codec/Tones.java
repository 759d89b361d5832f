package org.forkline.rtp.internal.codec;

/** Test signals and the Goertzel power measure. */
public final class Tones {

    private Tones() {
    }

    public static short[] sine(double frequency, int sampleRate, int samples, double amplitude) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate));
        }
        return out;
    }

    /** Signal power at one frequency (Goertzel), normalised so a full sine of amplitude A gives about A^2/4. */
    public static double power(short[] samples, int from, int to, double frequency, int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = from; i < to; i++) {
            double current = samples[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        double n = to - from;
        return power / (n * n);
    }
}
