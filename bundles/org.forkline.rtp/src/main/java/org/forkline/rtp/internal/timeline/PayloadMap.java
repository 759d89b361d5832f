package org.forkline.rtp.internal.timeline;

import java.util.Arrays;
import java.util.Map;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.media.PayloadFormat;

/**
 * What each RTP payload type of one leg means: the negotiated rtpmap once the far side answered, before that the
 * RFC 3551 static types of the registered codecs. Rebuilt when the registered codecs change.
 */
final class PayloadMap {

    enum Kind { AUDIO, EVENT, COMFORT_NOISE }

    record Binding(Kind kind, AudioCodec codec, int clockRate) {
    }

    private static final int COMFORT_NOISE_TYPE = 13;
    private static final Binding COMFORT_NOISE = new Binding(Kind.COMFORT_NOISE, null, 8000);

    private final CodecCatalog catalog;
    private final Binding[] table = new Binding[128];
    private int catalogVersion;
    private Map<Integer, PayloadFormat> negotiated;

    PayloadMap(CodecCatalog catalog) {
        this.catalog = catalog;
        rebuild();
    }

    /** The binding of a payload type, or null when it is not negotiated or no codec decodes it. */
    Binding lookup(int payloadType) {
        if (catalog.version() != catalogVersion) {
            rebuild();
        }
        return table[payloadType];
    }

    void negotiate(Map<Integer, PayloadFormat> formats) {
        negotiated = formats;
        rebuild();
    }

    private void rebuild() {
        catalogVersion = catalog.version();
        Arrays.fill(table, null);
        if (negotiated == null) {
            for (AudioCodec codec : catalog.codecs()) {
                int type = codec.staticPayloadType();
                if (type >= 0 && type < table.length && table[type] == null) {
                    table[type] = new Binding(Kind.AUDIO, codec, codec.clockRate());
                }
            }
        } else {
            negotiated.forEach((type, format) -> {
                if (type >= 0 && type < table.length) {
                    table[type] = bind(format);
                }
            });
        }
        if (table[COMFORT_NOISE_TYPE] == null && (negotiated == null || !negotiated.containsKey(COMFORT_NOISE_TYPE))) {
            table[COMFORT_NOISE_TYPE] = COMFORT_NOISE;
        }
    }

    private Binding bind(PayloadFormat format) {
        String name = format.encodingName();
        if ("telephone-event".equalsIgnoreCase(name)) {
            return new Binding(Kind.EVENT, null, format.clockRate());
        }
        if ("CN".equalsIgnoreCase(name)) {
            return new Binding(Kind.COMFORT_NOISE, null, format.clockRate());
        }
        AudioCodec codec = catalog.find(name, format.clockRate());
        return codec == null ? null : new Binding(Kind.AUDIO, codec, format.clockRate());
    }
}
