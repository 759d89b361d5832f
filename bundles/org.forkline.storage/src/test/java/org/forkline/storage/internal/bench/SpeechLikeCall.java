package org.forkline.storage.internal.bench;

import java.util.Random;

/**
 * Synthesises a two-party call that an Opus encoder sees like speech: alternating turns (each party talks about half
 * the time), syllables of voiced harmonic bursts with a moving pitch and formants plus unvoiced noise, -20 dBFS while
 * talking, a low noise floor otherwise, all passed through G.711 mu-law as RTP would deliver it.
 */
final class SpeechLikeCall {

    private static final int RATE = 8000;
    private static final int TABLE_SIZE = 4096;

    private final Random random;
    private final float[] sine = new float[TABLE_SIZE];

    SpeechLikeCall(long seed) {
        random = new Random(seed);
        for (int i = 0; i < TABLE_SIZE; i++) {
            sine[i] = (float) Math.sin(2 * Math.PI * i / TABLE_SIZE);
        }
    }

    /** Both channels, {@code seconds} long: [0] = near party, [1] = far party. */
    short[][] generate(int seconds) {
        int length = seconds * RATE;
        float[][] voice = {new float[length], new float[length]};
        boolean[][] active = {new boolean[length], new boolean[length]};
        double[] basePitch = {118, 205};
        int at = 0;
        int party = 0;
        while (at < length) {
            int turn = (int) (RATE * (1.5 + 4.5 * random.nextDouble()));
            int end = Math.min(length, at + turn);
            speakTurn(voice[party], active[party], at, end, basePitch[party]);
            boolean doubleTalk = random.nextDouble() < 0.2;
            double gapSeconds = doubleTalk ? -(0.3 + 0.7 * random.nextDouble()) : 0.1 + 0.4 * random.nextDouble();
            int gap = (int) (RATE * gapSeconds);
            at = Math.max(at + RATE / 2, end + gap);
            party = 1 - party;
        }
        short[][] pcm = new short[2][];
        for (int p = 0; p < 2; p++) {
            pcm[p] = finish(voice[p], active[p]);
        }
        return pcm;
    }

    /** Share of samples in which the party is talking. */
    static double talkRatio(short[] pcm) {
        int loud = 0;
        for (int frame = 0; frame + 160 <= pcm.length; frame += 160) {
            double sum = 0;
            for (int i = frame; i < frame + 160; i++) {
                sum += (double) pcm[i] * pcm[i];
            }
            if (10 * Math.log10(sum / 160 / (32768.0 * 32768.0) + 1e-20) > -45) {
                loud++;
            }
        }
        return loud / (pcm.length / 160.0);
    }

    private void speakTurn(float[] out, boolean[] active, int from, int to, double basePitch) {
        int at = from;
        double phase = 0;
        while (at < to) {
            int syllable = (int) (RATE * (0.08 + 0.22 * random.nextDouble()));
            int end = Math.min(to, at + syllable);
            if (random.nextDouble() < 0.15) {
                fricative(out, at, end);
            } else {
                phase = voiced(out, at, end, basePitch, phase);
            }
            for (int i = at; i < end; i++) {
                active[i] = true;
            }
            at = end + (int) (RATE * (0.01 + 0.05 * random.nextDouble()));
        }
    }

    private double voiced(float[] out, int from, int to, double basePitch, double phase) {
        double f1 = 350 + 500 * random.nextDouble();
        double f2 = 1000 + 1400 * random.nextDouble();
        double pitchStart = basePitch * (0.85 + 0.3 * random.nextDouble());
        double pitchEnd = basePitch * (0.85 + 0.3 * random.nextDouble());
        int length = to - from;
        int block = 80;
        float[] amplitudes = new float[64];
        for (int start = from; start < to; start += block) {
            double progress = (start - from) / (double) length;
            double pitch = pitchStart + (pitchEnd - pitchStart) * progress;
            int harmonics = Math.min(amplitudes.length - 1, (int) (3500 / pitch));
            for (int k = 1; k <= harmonics; k++) {
                double f = k * pitch;
                amplitudes[k] = (float) ((1.0 / k) * (resonance(f, f1, 90) + 0.6 * resonance(f, f2, 140)));
            }
            double step = pitch / RATE;
            for (int i = start; i < Math.min(to, start + block); i++) {
                phase += step;
                phase -= Math.floor(phase);
                float sum = 0;
                for (int k = 1; k <= harmonics; k++) {
                    sum += amplitudes[k] * sine[(int) (phase * k * TABLE_SIZE) & (TABLE_SIZE - 1)];
                }
                double envelope = envelope(i - from, length);
                out[i] += (float) (envelope * (sum + 0.03 * random.nextGaussian()));
            }
        }
        return phase;
    }

    private void fricative(float[] out, int from, int to) {
        double previous = 0;
        for (int i = from; i < to; i++) {
            double noise = random.nextGaussian();
            double highPassed = noise - 0.7 * previous;
            previous = noise;
            out[i] += (float) (0.35 * envelope(i - from, to - from) * highPassed);
        }
    }

    private static double resonance(double f, double centre, double width) {
        double d = (f - centre) / width;
        return 1 / (1 + d * d) + 0.05;
    }

    private static double envelope(int position, int length) {
        int ramp = Math.min(80, length / 2);
        if (position < ramp) {
            return 0.5 - 0.5 * Math.cos(Math.PI * position / ramp);
        }
        if (position > length - ramp) {
            return 0.5 - 0.5 * Math.cos(Math.PI * (length - position) / ramp);
        }
        return 1;
    }

    /** Scales talking to -20 dBFS RMS, adds a -60 dBFS noise floor and runs everything through mu-law. */
    private short[] finish(float[] voice, boolean[] active) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < voice.length; i++) {
            if (active[i]) {
                sum += voice[i] * (double) voice[i];
                count++;
            }
        }
        double gain = 32768 * Math.pow(10, -20 / 20.0) / Math.sqrt(sum / Math.max(1, count));
        double floor = 32768 * Math.pow(10, -60 / 20.0);
        short[] pcm = new short[voice.length];
        for (int i = 0; i < voice.length; i++) {
            double sample = voice[i] * gain + floor * random.nextGaussian();
            pcm[i] = MuLaw.decode(MuLaw.encode((short) Math.max(-32768, Math.min(32767, Math.round(sample)))));
        }
        return pcm;
    }
}
