package org.forkline.sip.internal.sdp;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.PayloadFormat;
import org.forkline.api.media.RemoteMedia;

/**
 * The far side's SDP reduced to what a recording leg needs: its first audio stream.
 *
 * @param address      connection address ({@code c=}, media level over session level)
 * @param port         RTP port of the audio stream; 0 means the stream was rejected
 * @param profile      transport profile, e.g. {@code RTP/AVP}
 * @param payloadTypes payload types in {@code m=} order
 * @param formats      the formats of those payload types that are known (rtpmap or RFC 3551 table)
 * @param direction    direction attribute (media level over session level, default sendrecv)
 */
public record SessionDescription(InetAddress address, int port, String profile, List<Integer> payloadTypes,
        Map<Integer, PayloadFormat> formats, MediaDirection direction) {

    public SessionDescription {
        payloadTypes = List.copyOf(payloadTypes);
        formats = Map.copyOf(formats);
    }

    public RemoteMedia toRemoteMedia() {
        return new RemoteMedia(address, port, formats, direction);
    }

    /** SRTP profiles (RTP/SAVP, RTP/SAVPF, UDP/TLS/...): we cannot decrypt them. */
    public boolean isSecure() {
        return profile.toUpperCase(Locale.ROOT).contains("SAVP");
    }

    /** The payload type of RFC 4733 telephone-event at 8000 Hz (the rate we answer with), if offered. */
    public Optional<Integer> telephoneEventPayloadType() {
        return payloadTypes.stream()
                .filter(pt -> formats.containsKey(pt)
                        && "telephone-event".equalsIgnoreCase(formats.get(pt).encodingName())
                        && formats.get(pt).clockRate() == 8000)
                .findFirst();
    }
}
