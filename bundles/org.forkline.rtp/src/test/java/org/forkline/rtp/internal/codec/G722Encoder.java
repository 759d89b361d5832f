package org.forkline.rtp.internal.codec;

/**
 * Test-only ITU-T G.722 64 kbit/s encoder (transmit QMF, 6-bit lower and 2-bit higher sub-band ADPCM quantisers),
 * sharing the backward adaptation with the decoder as the standard prescribes.
 */
public final class G722Encoder {

    private final G722SubBand lower = G722SubBand.lower();
    private final G722SubBand higher = G722SubBand.higher();
    /** Input samples, newest first. */
    private final int[] history = new int[24];

    /** Encodes pairs of 16 kHz samples; {@code length} must be even. Returns the octets written. */
    public int encode(short[] pcm, int offset, int length, byte[] out, int outOffset) {
        int o = outOffset;
        for (int i = offset; i + 1 < offset + length; i += 2) {
            System.arraycopy(history, 0, history, 2, 22);
            history[1] = pcm[i];
            history[0] = pcm[i + 1];
            int even = 0;
            int odd = 0;
            for (int k = 0; k < 12; k++) {
                even += G722Tables.QMF_EVEN_TAPS[k] * history[2 * k];
                odd += G722Tables.QMF_EVEN_TAPS[11 - k] * history[2 * k + 1];
            }
            int low = G722SubBand.limit15((even + odd) >> 14);
            int high = G722SubBand.limit15((even - odd) >> 14);
            out[o++] = (byte) (encodeHigher(high) << 6 | encodeLower(low));
        }
        return o - outOffset;
    }

    private int encodeLower(int sample) {
        int error = G722SubBand.saturate(sample - lower.signalEstimate());
        int magnitude = error >= 0 ? error : -(error + 1);
        int interval = 1;
        while (interval < 30 && magnitude >= (G722Tables.Q6_DECISION[interval] * lower.scale()) >> 12) {
            interval++;
        }
        int code = G722Tables.lowCodeWord(interval, error < 0);
        int code4 = code >> 2;
        int difference = lower.dequantise(G722Tables.LOW_INV_QUANT_4[code4]);
        lower.adaptScale(G722Tables.LOW_LOG_WEIGHT[code4]);
        lower.adaptPredictor(difference);
        return code;
    }

    private int encodeHigher(int sample) {
        int error = G722SubBand.saturate(sample - higher.signalEstimate());
        int magnitude = error >= 0 ? error : -(error + 1);
        boolean outer = magnitude >= (G722Tables.Q2_DECISION * higher.scale()) >> 12;
        int code = error < 0 ? (outer ? 0 : 1) : (outer ? 2 : 3);
        int difference = higher.dequantise(G722Tables.HIGH_INV_QUANT[code]);
        higher.adaptScale(G722Tables.HIGH_LOG_WEIGHT[code]);
        higher.adaptPredictor(difference);
        return code;
    }
}
