package org.forkline.rtp.internal.codec;

import org.forkline.api.codec.AudioDecoder;

/** ITU-T G.722 64 kbit/s SB-ADPCM decoder: one octet (2-bit high band, 6-bit low band) gives two 16 kHz samples. */
final class G722Decoder implements AudioDecoder {

    private G722SubBand lower = G722SubBand.lower();
    private G722SubBand higher = G722SubBand.higher();
    private final G722Synthesis synthesis = new G722Synthesis();

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        int o = outOffset;
        for (int i = offset, end = offset + length; i < end; i++) {
            int octet = payload[i] & 0xFF;
            int low = decodeLower(octet & 0x3F);
            int high = decodeHigher(octet >> 6);
            synthesis.push(low, high, out, o);
            o += 2;
        }
        return o - outOffset;
    }

    private int decodeLower(int codeWord) {
        G722SubBand band = lower;
        int output = G722SubBand.limit15(band.signalEstimate() + band.dequantise(G722Tables.LOW_INV_QUANT_6[codeWord]));
        int code4 = codeWord >> 2;
        int difference = band.dequantise(G722Tables.LOW_INV_QUANT_4[code4]);
        band.adaptScale(G722Tables.LOW_LOG_WEIGHT[code4]);
        band.adaptPredictor(difference);
        return output;
    }

    private int decodeHigher(int codeWord) {
        G722SubBand band = higher;
        int difference = band.dequantise(G722Tables.HIGH_INV_QUANT[codeWord]);
        int output = G722SubBand.limit15(band.signalEstimate() + difference);
        band.adaptScale(G722Tables.HIGH_LOG_WEIGHT[codeWord]);
        band.adaptPredictor(difference);
        return output;
    }

    @Override
    public int maxSamples(int payloadLength) {
        return payloadLength * 2;
    }

    @Override
    public void reset() {
        lower = G722SubBand.lower();
        higher = G722SubBand.higher();
        synthesis.reset();
    }
}
