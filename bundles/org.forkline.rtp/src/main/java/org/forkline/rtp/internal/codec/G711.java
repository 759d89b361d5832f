package org.forkline.rtp.internal.codec;

/** ITU-T G.711 expansion tables, computed once from the segment/mantissa rules of the standard. */
final class G711 {

    /** µ-law code word to 16-bit linear PCM. */
    static final short[] ULAW_TO_LINEAR = buildUlaw();

    /** A-law code word to 16-bit linear PCM. */
    static final short[] ALAW_TO_LINEAR = buildAlaw();

    private static final int ULAW_BIAS = 0x84;

    private G711() {
    }

    static int expandUlaw(int codeWord) {
        int inverted = ~codeWord & 0xFF;
        int exponent = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        int magnitude = (((mantissa << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
        return (inverted & 0x80) != 0 ? -magnitude : magnitude;
    }

    static int expandAlaw(int codeWord) {
        // Even bits are inverted on the line (ITU-T G.711 Table 1a/1b).
        int value = (codeWord ^ 0x55) & 0xFF;
        int exponent = (value >> 4) & 0x07;
        int mantissa = value & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (value & 0x80) != 0 ? magnitude : -magnitude;
    }

    private static short[] buildUlaw() {
        short[] table = new short[256];
        for (int i = 0; i < 256; i++) {
            table[i] = (short) expandUlaw(i);
        }
        return table;
    }

    private static short[] buildAlaw() {
        short[] table = new short[256];
        for (int i = 0; i < 256; i++) {
            table[i] = (short) expandAlaw(i);
        }
        return table;
    }
}
