package org.forkline.testing;

import java.util.Random;

/**
 * Two parties of a phone conversation as G.711 µ-law at 8 kHz: talk spurts of voiced, pitch-varying harmonics at
 * about −20 dBFS, and a −60 dBFS noise floor otherwise. Two activity models, because the sealing encoder's energy
 * gate makes its cost follow how much each party talks:
 * <ul>
 * <li>{@link Activity#P59}: each party on and off on its own, with exponential talk spurts of 1.004 s and pauses of
 * 1.587 s on average — the means of ITU-T P.59 artificial conversational speech, about 39 % activity per party;</li>
 * <li>{@link Activity#HALF}: the parties take turns and each talks about half of the time (a busier line, the
 * signal AUDIO-FORMAT.md measured the encoder with);</li>
 * <li>{@link Activity#CONTINUOUS}: both parties voice all the time without pauses, so that a silent stretch in a
 * recording is audio that went missing (the live-update benchmark counts them).</li>
 * </ul>
 */
public final class SpeechLikeSignal {

    public static final int RATE = 8000;

    /** How much each party talks. */
    public enum Activity {
        P59,
        HALF,
        CONTINUOUS
    }

    private static final double P59_TALKSPURT_SECONDS = 1.004;
    private static final double P59_PAUSE_SECONDS = 1.587;

    private SpeechLikeSignal() {
    }

    /** {@code [0]} is party A (near end), {@code [1]} party B (far end), each {@code seconds} long. */
    public static byte[][] conversation(int seconds, long seed, Activity activity) {
        return switch (activity) {
            case HALF -> takingTurns(seconds, seed);
            case CONTINUOUS -> continuous(seconds, seed);
            case P59 -> p59(seconds, seed);
        };
    }

    /** Fraction of 20 ms frames in which the party talks (above the noise floor), for the report. */
    public static double activity(byte[] party) {
        int frames = party.length / 160;
        int active = 0;
        for (int f = 0; f < frames; f++) {
            long energy = 0;
            for (int i = f * 160; i < f * 160 + 160; i++) {
                int s = MuLaw.decode(party[i]);
                energy += (long) s * s;
            }
            if (energy / 160 > 100 * 100) {
                active++;
            }
        }
        return (double) active / frames;
    }

    private static byte[][] p59(int seconds, long seed) {
        int n = seconds * RATE;
        byte[][] out = { new byte[n], new byte[n] };
        for (int party = 0; party < 2; party++) {
            Random random = new Random(seed * 31 + party);
            double pitch = party == 0 ? 120 : 210;
            double[] phase = new double[1];
            int position = (int) (exponential(random, P59_PAUSE_SECONDS) * RATE * party);
            for (int i = 0; i < Math.min(position, n); i++) {
                out[party][i] = MuLaw.encode(toPcm(0.001 * random.nextGaussian()));
            }
            while (position < n) {
                int spurt = (int) (exponential(random, P59_TALKSPURT_SECONDS) * RATE);
                for (int i = 0; i < spurt && position < n; i++, position++) {
                    out[party][position] = MuLaw.encode(toPcm(voiced(i, pitch, phase, 0, random)));
                }
                int pause = (int) (exponential(random, P59_PAUSE_SECONDS) * RATE);
                for (int i = 0; i < pause && position < n; i++, position++) {
                    out[party][position] = MuLaw.encode(toPcm(0.001 * random.nextGaussian()));
                }
            }
        }
        return out;
    }

    private static byte[][] continuous(int seconds, long seed) {
        int n = seconds * RATE;
        byte[][] out = { new byte[n], new byte[n] };
        Random random = new Random(seed);
        double[] phase = new double[2];
        for (int party = 0; party < 2; party++) {
            double pitch = party == 0 ? 120 : 210;
            for (int i = 0; i < n; i++) {
                out[party][i] = MuLaw.encode(toPcm(0.5 * voiced(i, pitch, phase, party, random, false)));
            }
        }
        return out;
    }

    private static double exponential(Random random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static double voiced(int i, double pitch, double[] phase, int slot, Random random) {
        return voiced(i, pitch, phase, slot, random, true);
    }

    /** @param syllables false: a steady vowel, never near silence (no syllable envelope) */
    private static double voiced(int i, double pitch, double[] phase, int slot, Random random, boolean syllables) {
        double t = (double) i / RATE;
        double f0 = pitch * (1.0 + 0.06 * Math.sin(2 * Math.PI * 3.0 * t));
        phase[slot] += 2 * Math.PI * f0 / RATE;
        // syllable envelope: ~4 syllables per second
        double envelope = syllables ? 0.5 - 0.5 * Math.cos(2 * Math.PI * 4.0 * t) : 1;
        double voiced = 0;
        for (int h = 1; h <= 12; h++) {
            voiced += formantGain(h * f0) * Math.sin(h * phase[slot]) / h;
        }
        return 0.1 * envelope * voiced + 0.003 * random.nextGaussian();
    }

    private static byte[][] takingTurns(int seconds, long seed) {
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
                out[talker][position] = MuLaw.encode(toPcm(voiced(i, pitch, phase, talker, random)));
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
