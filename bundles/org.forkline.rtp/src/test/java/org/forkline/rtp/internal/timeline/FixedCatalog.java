package org.forkline.rtp.internal.timeline;

import java.util.List;

import org.forkline.api.codec.AudioCodec;

/** A catalog that never changes. */
record FixedCatalog(List<AudioCodec> codecs) implements CodecCatalog {

    @Override
    public int version() {
        return 0;
    }
}
