package org.forkline.rtp.internal.codec;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.codec.AudioDecoder;
import org.osgi.service.component.annotations.Component;

/** G.711 µ-law (PCMU, static payload type 0), the codec offered first. */
@Component(service = AudioCodec.class)
public final class PcmuCodec implements AudioCodec {

    // Stateless, so every stream can share it.
    private final AudioDecoder decoder = new G711Decoder(G711.ULAW_TO_LINEAR);

    @Override
    public String encodingName() {
        return "PCMU";
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
        return 0;
    }

    @Override
    public int preference() {
        return 10;
    }

    @Override
    public AudioDecoder newDecoder() {
        return decoder;
    }
}
