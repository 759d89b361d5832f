package org.forkline.api.media;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;

/**
 * The far side's media description (from the SDP answer in the ACK, or a re-INVITE/UPDATE offer).
 *
 * @param address      where the RTP comes from ({@code c=}); packets from other addresses are counted and ignored
 * @param port         the far side's RTP port ({@code m=})
 * @param payloadTypes payload type number to its format, as listed in the {@code m=} line
 * @param direction    sendonly while recording, inactive (or recvonly) while on hold
 */
public record RemoteMedia(InetAddress address, int port, Map<Integer, PayloadFormat> payloadTypes,
        MediaDirection direction) {

    public RemoteMedia {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(direction, "direction");
        payloadTypes = Map.copyOf(payloadTypes);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
