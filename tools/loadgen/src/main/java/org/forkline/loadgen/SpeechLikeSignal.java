package org.forkline.loadgen;

import java.util.Random;

/**
 * Two parties of a phone conversation as G.711 µ-law at 8 kHz: alternating talk spurts of voiced,
 * pitch-varying harmonics at about −20 dBFS, and a −60 dBFS noise floor while listening. Each party talks
 * about half the time, which is what the sealing encoder's energy gate sees on real calls.
 */
final class SpeechLikeSignal {

    static final int RATE = 8000;

    private SpeechLikeSignal() {
    }

    /** {@code [0]} is party A (near end), {@code [1]} party B (far end), each {@code seconds} long. */
    static byte[][] conversation(int seconds, long seed) {
        int n = seconds * RATE;
        byte[][] out = { new byte[n], new byte[n] };
        Random random = new Random(seed);
        int talker = 0;
        int position = 0;
        double[] phase = new double[2];
        while (position < n) {
            int spurt = (int) ((1.0 + random.nextDouble() * 3.0) * RATE);
            int pause = (int) (random.nextDouble() * 0.4 * RATE);
            double pitch = talker == 0 ? 110 + random.nextDouble() * 40 : 190 + random.nextDouble() * 60;
            for (int i = 0; i < spurt && position < n; i++, position++) {
                double t = (double) i / RATE;
                double f0 = pitch * (1.0 + 0.06 * Math.sin(2 * Math.PI * 3.0 * t));
                phase[talker] += 2 * Math.PI * f0 / RATE;
                // syllable envelope: ~4 syllables per second
                double envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4.0 * t);
                double voiced = 0;
                for (int h = 1; h <= 12; h++) {
                    double formant = formantGain(h * f0);
                    voiced += formant * Math.sin(h * phase[talker]) / h;
                }
                double sample = 0.1 * envelope * voiced + 0.003 * random.nextGaussian();
                out[talker][position] = MuLaw.encode(toPcm(sample));
                out[1 - talker][position] = MuLaw.encode(toPcm(0.001 * random.nextGaussian()));
            }
            for (int i = 0; i < pause && position < n; i++, position++) {
                out[0][position] = MuLaw.encode(toPcm(0.001 * random.nextGaussian()));
                out[1][position] = MuLaw.encode(toPcm(0.001 * random.nextGaussian()));
            }
            talker = 1 - talker;
        }
        return out;
    }

    private static double formantGain(double frequency) {
        // two broad vowel-like resonances
        return 1.0 / (1 + Math.pow((frequency - 700) / 300, 2)) + 0.6 / (1 + Math.pow((frequency - 1800) / 400, 2))
                + 0.1;
    }

    private static short toPcm(double sample) {
        double clipped = Math.max(-1.0, Math.min(1.0, sample));
        return (short) Math.round(clipped * 32767);
    }
}
