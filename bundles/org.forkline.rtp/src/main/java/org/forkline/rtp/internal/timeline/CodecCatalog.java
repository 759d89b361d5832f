package org.forkline.rtp.internal.timeline;

import java.util.List;

import org.forkline.api.codec.AudioCodec;

/** The codecs registered now; {@link #version()} changes whenever one comes or goes. */
public interface CodecCatalog {

    int version();

    /** Registered codecs, best preference first. */
    List<AudioCodec> codecs();

    /** The codec for an rtpmap entry (name compared case-insensitively), or null. */
    default AudioCodec find(String encodingName, int clockRate) {
        for (AudioCodec codec : codecs()) {
            if (codec.encodingName().equalsIgnoreCase(encodingName) && codec.clockRate() == clockRate) {
                return codec;
            }
        }
        return null;
    }
}
