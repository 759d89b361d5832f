package org.forkline.storage.internal.testing;

/** Test signals and their measurement: tones, RMS level and the Goertzel single-frequency power. */
public final class Signals {

    private Signals() {
    }

    /** A sine tone at {@code dbfs} peak level. */
    public static short[] tone(double frequency, int sampleRate, int samples, double dbfs) {
        double amplitude = 32767 * Math.pow(10, dbfs / 20);
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate));
        }
        return out;
    }

    /** Power at one frequency of every {@code stride}-th sample from {@code offset} (stride 2: one stereo channel). */
    public static double goertzel(short[] samples, int offset, int count, int stride, double frequency,
            int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < count; i++) {
            double s0 = samples[offset + i * stride] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }

    /** RMS level in dBFS of every {@code stride}-th sample (-200 for digital silence). */
    public static double rmsDbfs(short[] samples, int offset, int count, int stride) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double s = samples[offset + i * stride];
            sum += s * s;
        }
        double rms = Math.sqrt(sum / Math.max(1, count));
        return rms == 0 ? -200 : 20 * Math.log10(rms / 32768);
    }

    /** Ratio in dB of the power at {@code wanted} to the power at {@code other}. */
    public static double dominanceDb(short[] samples, int offset, int count, int stride, double wanted, double other,
            int sampleRate) {
        double a = goertzel(samples, offset, count, stride, wanted, sampleRate);
        double b = goertzel(samples, offset, count, stride, other, sampleRate);
        return 10 * Math.log10(a / Math.max(b, 1e-9));
    }
}
