package org.forkline.rtp.internal.codec;

import org.forkline.api.codec.AudioCodec;
import org.osgi.service.component.annotations.Component;

/** G.711 µ-law (PCMU, static payload type 0), the codec offered first. */
@Component(service = AudioCodec.class)
public final class PcmuCodec extends G711Codec {

    public PcmuCodec() {
        super("PCMU", 0, 10, G711.ULAW_TO_LINEAR);
    }
}
