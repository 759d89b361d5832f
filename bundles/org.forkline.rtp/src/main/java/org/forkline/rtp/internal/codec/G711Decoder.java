package org.forkline.rtp.internal.codec;

import org.forkline.api.codec.AudioDecoder;

/** Stateless table-lookup G.711 decoder: one octet is one 8 kHz sample. */
final class G711Decoder implements AudioDecoder {

    private final short[] expansion;

    G711Decoder(short[] expansion) {
        this.expansion = expansion;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        short[] table = expansion;
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = table[payload[offset + i] & 0xFF];
        }
        return length;
    }

    @Override
    public int maxSamples(int payloadLength) {
        return payloadLength;
    }
}
