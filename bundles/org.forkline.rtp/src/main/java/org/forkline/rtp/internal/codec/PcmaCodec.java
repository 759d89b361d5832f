package org.forkline.rtp.internal.codec;

/** G.711 A-law (PCMA, static payload type 8), offered after PCMU. */
public final class PcmaCodec extends G711Codec {

    public PcmaCodec() {
        super("PCMA", 8, 20, G711.ALAW_TO_LINEAR);
    }
}
