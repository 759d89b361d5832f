package org.forkline.rtp.internal.codec;

/**
 * Backward-adaptive state of one G.722 sub-band: the scale factor (LOGSCL/SCALEL or LOGSCH/SCALEH) and the
 * two-pole, six-zero predictor (PARREC, RECONS, UPPOL1, UPPOL2, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC).
 * Encoder and decoder run the same updates, so both ends stay in step without side information.
 */
final class G722SubBand {

    private final int maxLogScale;
    private final int scaleExponentBias;

    private int logScale;
    private int scale;

    private int signalEstimate;
    private int zeroEstimate;
    private int pole1;
    private int pole2;
    private final int[] zeros = new int[6];
    private final int[] differences = new int[6];
    private int partial1;
    private int partial2;
    private int reconstructed1;
    private int reconstructed2;

    private G722SubBand(int maxLogScale, int scaleExponentBias, int initialScale) {
        this.maxLogScale = maxLogScale;
        this.scaleExponentBias = scaleExponentBias;
        this.scale = initialScale;
    }

    static G722SubBand lower() {
        return new G722SubBand(18432, 8, 32);
    }

    static G722SubBand higher() {
        return new G722SubBand(22528, 10, 8);
    }

    /** Predicted signal SL / SH for the next sample. */
    int signalEstimate() {
        return signalEstimate;
    }

    /** Current linear scale factor DETL / DETH. */
    int scale() {
        return scale;
    }

    /** Quantised difference for an inverse-quantiser level: (scale * level) >> 15. */
    int dequantise(int level) {
        return (scale * level) >> 15;
    }

    /** LOGSCL/LOGSCH then SCALEL/SCALEH: adapts the scale factor used for the next sample. */
    void adaptScale(int logWeight) {
        int next = ((logScale * 32512) >> 15) + logWeight;
        logScale = Math.max(0, Math.min(maxLogScale, next));
        int mantissa = G722Tables.SCALE_MANTISSA[(logScale >> 6) & 31];
        int shift = scaleExponentBias - (logScale >> 11);
        int linear = shift < 0 ? mantissa << -shift : mantissa >> shift;
        scale = linear << 2;
    }

    /** Adapts the predictor to the quantised difference of this sample and computes the next estimate. */
    void adaptPredictor(int difference) {
        int partial = saturate(difference + zeroEstimate);
        int reconstructed = saturate(signalEstimate + difference);

        int nextPole2 = nextPole2(partial);
        int nextPole1 = nextPole1(partial, nextPole2);
        updateZeros(difference);

        System.arraycopy(differences, 0, differences, 1, 5);
        differences[0] = difference;
        pole1 = nextPole1;
        pole2 = nextPole2;
        partial2 = partial1;
        partial1 = partial;
        reconstructed2 = reconstructed1;
        reconstructed1 = reconstructed;

        int poleEstimate = saturate(((pole1 * saturate(reconstructed1 * 2)) >> 15)
                + ((pole2 * saturate(reconstructed2 * 2)) >> 15));
        int zeroSum = 0;
        for (int i = 0; i < 6; i++) {
            zeroSum += (zeros[i] * saturate(differences[i] * 2)) >> 15;
        }
        zeroEstimate = saturate(zeroSum);
        signalEstimate = saturate(poleEstimate + zeroEstimate);
    }

    private int nextPole2(int partial) {
        boolean sameAsPrevious = (partial < 0) == (partial1 < 0);
        boolean sameAsBeforePrevious = (partial < 0) == (partial2 < 0);
        int scaledPole1 = saturate(pole1 * 4);
        int gradient = saturate(sameAsPrevious ? -scaledPole1 : scaledPole1) >> 7;
        int next = gradient + (sameAsBeforePrevious ? 128 : -128) + ((pole2 * 32512) >> 15);
        return Math.max(-12288, Math.min(12288, next));
    }

    private int nextPole1(int partial, int nextPole2) {
        boolean sameAsPrevious = (partial < 0) == (partial1 < 0);
        int next = saturate((sameAsPrevious ? 192 : -192) + ((pole1 * 32640) >> 15));
        int limit = saturate(15360 - nextPole2);
        return Math.max(-limit, Math.min(limit, next));
    }

    private void updateZeros(int difference) {
        int step = difference == 0 ? 0 : 128;
        boolean negative = difference < 0;
        for (int i = 0; i < 6; i++) {
            int gradient = (differences[i] < 0) == negative ? step : -step;
            zeros[i] = saturate(gradient + ((zeros[i] * 32640) >> 15));
        }
    }

    static int saturate(int value) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }

    /** RECONS output limited to the 15-bit range of the sub-band signals. */
    static int limit15(int value) {
        return Math.max(-16384, Math.min(16383, value));
    }
}
