package org.forkline.rtp.internal.codec;

/** Constant tables of ITU-T G.722 (64 kbit/s mode): inverse quantisers, scale-factor adaptation and QMF taps. */
final class G722Tables {

    /** Lower sub-band 6-bit reconstruction magnitudes (QQ6) for quantiser intervals 1..30. */
    private static final int[] QQ6_MAGNITUDES = {
        136, 432, 728, 1040, 1360, 1688, 2032, 2400, 2776, 3168,
        3576, 4008, 4464, 4944, 5456, 6000, 6576, 7192, 7856, 8576,
        9360, 10232, 11192, 12280, 13512, 14984, 16704, 19008, 21904, 24808};

    /** Lower sub-band 4-bit reconstruction magnitudes (QQ4) for intervals 1..7 (interval 0 reconstructs 0). */
    private static final int[] QQ4_MAGNITUDES = {1200, 2584, 4240, 6288, 8968, 12896, 20456};

    /** Lower sub-band 6-bit decision levels (Q6), lower bound of intervals 1..30; encoder side only. */
    static final int[] Q6_DECISION = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370,
        422, 473, 530, 587, 650, 714, 786, 858, 940, 1023,
        1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919};

    /** Signed 6-bit inverse quantiser indexed by the lower sub-band code word (INVQBL). */
    static final int[] LOW_INV_QUANT_6 = lowInverseQuantiser6();

    /** Signed 4-bit inverse quantiser indexed by the 4 most significant bits of the code word (INVQAL). */
    static final int[] LOW_INV_QUANT_4 = lowInverseQuantiser4();

    /** Log scale-factor multiplier WL indexed by the 4-bit code word (via table RIL of the standard). */
    static final int[] LOW_LOG_WEIGHT = {
        -60, 3042, 1198, 538, 334, 172, 58, -30, 3042, 1198, 538, 334, 172, 58, -30, -60};

    /** Higher sub-band 2-bit inverse quantiser (QQ2 with sign) indexed by the code word (INVQAH). */
    static final int[] HIGH_INV_QUANT = {-7408, -1616, 7408, 1616};

    /** Log scale-factor multiplier WH indexed by the 2-bit code word. */
    static final int[] HIGH_LOG_WEIGHT = {798, -214, 798, -214};

    /** Higher sub-band decision level (Q2), encoder side only. */
    static final int Q2_DECISION = 564;

    /** ILB: 2048 * 2^(i/32), the mantissa of the linear scale factor. */
    static final int[] SCALE_MANTISSA = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};

    /** Even-indexed QMF taps h(2i), i = 0..11; the odd taps are the same values reversed, h(2i+1) = h(22-2i). */
    static final int[] QMF_EVEN_TAPS = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};

    private G722Tables() {
    }

    /** Code word of interval {@code mil} (1..30) of the 6-bit quantiser: ILP for positive, ILN for negative. */
    static int lowCodeWord(int mil, boolean negative) {
        if (!negative) {
            return 62 - mil;
        }
        return mil <= 2 ? 64 - mil : 34 - mil;
    }

    private static int[] lowInverseQuantiser6() {
        int[] table = new int[64];
        for (int mil = 1; mil <= 30; mil++) {
            table[lowCodeWord(mil, false)] = QQ6_MAGNITUDES[mil - 1];
            table[lowCodeWord(mil, true)] = -QQ6_MAGNITUDES[mil - 1];
        }
        // Code words 0..3 are never sent; decode them like the smallest negative level, as the standard's decoder does.
        for (int code = 0; code < 4; code++) {
            table[code] = -QQ6_MAGNITUDES[0];
        }
        return table;
    }

    private static int[] lowInverseQuantiser4() {
        int[] table = new int[16];
        for (int level = 1; level <= 7; level++) {
            table[15 - level] = QQ4_MAGNITUDES[level - 1];
            table[level] = -QQ4_MAGNITUDES[7 - level];
        }
        return table;
    }
}
