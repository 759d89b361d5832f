package org.forkline.sip.internal.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.media.PayloadFormat;

/** The codecs we decode with the payload type each is offered under, and matching against the far side's list. */
public final class CodecTable {

    /** Payload type of telephone-event in our offers, as CUCM uses it. */
    public static final int TELEPHONE_EVENT = 101;

    private static final int FIRST_DYNAMIC = 96;
    private static final int LAST_DYNAMIC = 127;

    private final List<OfferedCodec> offered;

    private CodecTable(List<OfferedCodec> offered) {
        this.offered = List.copyOf(offered);
    }

    /** Assigns payload types in the given (offer) order: static ones, else the preferred or next free dynamic one. */
    public static CodecTable of(List<AudioCodec> codecs) {
        Set<Integer> used = new HashSet<>();
        used.add(TELEPHONE_EVENT);
        for (AudioCodec codec : codecs) {
            if (codec.staticPayloadType() >= 0) {
                used.add(codec.staticPayloadType());
            }
        }
        List<OfferedCodec> offered = new ArrayList<>();
        for (AudioCodec codec : codecs) {
            int pt = codec.staticPayloadType();
            if (pt < 0) {
                int preferred = codec.preferredDynamicPayloadType();
                pt = preferred >= FIRST_DYNAMIC && preferred <= LAST_DYNAMIC && !used.contains(preferred)
                        ? preferred : nextFree(used);
                if (pt < 0) {
                    continue;  // more dynamic codecs than dynamic payload types: offer the ones that fit
                }
                used.add(pt);
            }
            offered.add(new OfferedCodec(pt, codec));
        }
        return new CodecTable(offered);
    }

    private static int nextFree(Set<Integer> used) {
        for (int pt = FIRST_DYNAMIC; pt <= LAST_DYNAMIC; pt++) {
            if (!used.contains(pt)) {
                return pt;
            }
        }
        return -1;
    }

    public List<OfferedCodec> offered() {
        return offered;
    }

    public boolean isEmpty() {
        return offered.isEmpty();
    }

    /**
     * The first of the far side's payload types (in its {@code m=} order) that we decode, under the far side's
     * payload type number.
     */
    public Optional<OfferedCodec> firstDecodable(SessionDescription remote) {
        for (int pt : remote.payloadTypes()) {
            PayloadFormat format = remote.formats().get(pt);
            if (format == null) {
                continue;
            }
            for (OfferedCodec ours : offered) {
                if (ours.codec().encodingName().equalsIgnoreCase(format.encodingName())
                        && ours.codec().clockRate() == format.clockRate()) {
                    return Optional.of(new OfferedCodec(pt, ours.codec()));
                }
            }
        }
        return Optional.empty();
    }
}
