package org.forkline.rtp.internal.codec;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.codec.AudioDecoder;
import org.osgi.service.component.annotations.Component;

/** G.711 A-law (PCMA, static payload type 8), offered after PCMU. */
@Component(service = AudioCodec.class)
public final class PcmaCodec implements AudioCodec {

    // Stateless, so every stream can share it.
    private final AudioDecoder decoder = new G711Decoder(G711.ALAW_TO_LINEAR);

    @Override
    public String encodingName() {
        return "PCMA";
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
        return 8;
    }

    @Override
    public int preference() {
        return 20;
    }

    @Override
    public AudioDecoder newDecoder() {
        return decoder;
    }
}
