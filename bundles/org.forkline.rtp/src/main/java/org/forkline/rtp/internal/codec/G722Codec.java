package org.forkline.rtp.internal.codec;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.codec.AudioDecoder;

/** G.722 wideband (static payload type 9): RTP clock 8000 but 16 kHz audio, as RFC 3551 fixes it. */
public final class G722Codec implements AudioCodec {

    @Override
    public String encodingName() {
        return "G722";
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int sampleRate() {
        return 16000;
    }

    @Override
    public int staticPayloadType() {
        return 9;
    }

    @Override
    public int preference() {
        return 30;
    }

    @Override
    public AudioDecoder newDecoder() {
        return new G722Decoder();
    }
}
