package org.forkline.rtp.internal.codec;

import org.forkline.api.codec.AudioCodec;
import org.osgi.service.component.annotations.Component;

/** G.711 A-law (PCMA, static payload type 8), offered after PCMU. */
@Component(service = AudioCodec.class)
public final class PcmaCodec extends G711Codec {

    public PcmaCodec() {
        super("PCMA", 8, 20, G711.ALAW_TO_LINEAR);
    }
}
