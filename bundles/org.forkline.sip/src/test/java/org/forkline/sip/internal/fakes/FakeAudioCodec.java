package org.forkline.sip.internal.fakes;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.codec.AudioDecoder;

/** A codec description without a decoder: the SIP bundle only offers and matches codecs. */
public record FakeAudioCodec(String encodingName, int clockRate, int sampleRate, int staticPayloadType,
        int preferredDynamicPayloadType, String fmtp, int preference) implements AudioCodec {

    public static final FakeAudioCodec PCMU = new FakeAudioCodec("PCMU", 8000, 8000, 0, -1, null, 1);
    public static final FakeAudioCodec PCMA = new FakeAudioCodec("PCMA", 8000, 8000, 8, -1, null, 2);
    public static final FakeAudioCodec G722 = new FakeAudioCodec("G722", 8000, 16000, 9, -1, null, 3);
    public static final FakeAudioCodec G729 = new FakeAudioCodec("G729", 8000, 8000, 18, -1, "annexb=no", 4);
    public static final FakeAudioCodec OPUS = new FakeAudioCodec("opus", 48000, 48000, -1, 114,
            "useinbandfec=1", 5);

    @Override
    public AudioDecoder newDecoder() {
        throw new UnsupportedOperationException("not needed by the SIP bundle");
    }
}
