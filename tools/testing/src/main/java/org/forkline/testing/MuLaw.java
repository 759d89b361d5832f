package org.forkline.testing;

/** G.711 µ-law (ITU-T G.711, with the usual 0x84 bias). */
public final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private MuLaw() {
    }

    public static byte encode(short pcm) {
        int sample = pcm;
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        sample += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static short decode(byte ulaw) {
        int u = ~ulaw & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + BIAS) << ((u >> 4) & 0x07);
        return (short) ((u & 0x80) != 0 ? BIAS - magnitude : magnitude - BIAS);
    }
}
