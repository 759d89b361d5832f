package org.forkline.itests.support;

/** G.711 µ-law (PCMU) encoding and decoding of 16-bit linear samples, written from the ITU-T G.711 tables' rules. */
public final class G711 {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private G711() {
    }

    public static byte encode(short sample) {
        int value = sample;
        int sign = 0;
        if (value < 0) {
            value = -value;
            sign = 0x80;
        }
        value = Math.min(value, CLIP) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; exponent > 0 && (value & mask) == 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static short decode(byte encoded) {
        int value = ~encoded & 0xFF;
        int exponent = (value >> 4) & 0x07;
        int magnitude = ((((value & 0x0F) << 3) + BIAS) << exponent) - BIAS;
        return (short) ((value & 0x80) != 0 ? -magnitude : magnitude);
    }

    public static byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode(samples[i]);
        }
        return out;
    }
}
