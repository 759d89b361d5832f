package org.forkline.rtp.internal.codec;

/** G.711 µ-law (PCMU, static payload type 0), the codec offered first. */
public final class PcmuCodec extends G711Codec {

    public PcmuCodec() {
        super("PCMU", 0, 10, G711.ULAW_TO_LINEAR);
    }
}
