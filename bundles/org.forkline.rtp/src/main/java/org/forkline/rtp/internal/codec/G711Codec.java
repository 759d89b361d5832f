package org.forkline.rtp.internal.codec;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.codec.AudioDecoder;

/** A G.711 law: 8 kHz, one byte per sample, decoded by a table; the two laws differ only in name and table. */
abstract class G711Codec implements AudioCodec {

    private final String encodingName;
    private final int payloadType;
    private final int preference;
    // Stateless, so every stream can share it.
    private final AudioDecoder decoder;

    G711Codec(String encodingName, int payloadType, int preference, short[] toLinear) {
        this.encodingName = encodingName;
        this.payloadType = payloadType;
        this.preference = preference;
        this.decoder = new G711Decoder(toLinear);
    }

    @Override
    public String encodingName() {
        return encodingName;
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int sampleRate() {
        return 8000;
    }

    @Override
    public int staticPayloadType() {
        return payloadType;
    }

    @Override
    public int preference() {
        return preference;
    }

    @Override
    public AudioDecoder newDecoder() {
        return decoder;
    }
}
