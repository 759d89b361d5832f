package org.forkline.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What CUCM tells about one forked stream in the {@code x-} parameters of the From URI, normalised.
 *
 * @param direction    near-end or far-end stream
 * @param clusterId    {@code x-nearendclusterid}; with {@code refci} it pairs the two legs of a call
 * @param refci        {@code x-refci}, identical in both legs of one call; null for a plain (non-CUCM) INVITE
 * @param near         the recorded party
 * @param far          the other party
 * @param farRefci     {@code x-farendrefci}
 * @param farClusterId {@code x-farendclusterid}
 * @param nearGuid     {@code x-nearendguid}
 * @param farGuid      {@code x-farendguid}
 * @param sipCallId    Call-ID of the leg's dialog
 * @param parameters   every {@code x-} parameter as received, keys in lower case
 */
public record LegMetadata(
        LegDirection direction,
        String clusterId,
        String refci,
        Party near,
        Party far,
        String farRefci,
        String farClusterId,
        String nearGuid,
        String farGuid,
        String sipCallId,
        Map<String, String> parameters) {

    public LegMetadata {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sipCallId, "sipCallId");
        near = near == null ? Party.UNKNOWN : near;
        far = far == null ? Party.UNKNOWN : far;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /**
     * The key that pairs the near and far legs of one call: cluster id (case-insensitive) and {@code x-refci}.
     * A leg without {@code x-refci} cannot have a partner and gets a key of its own.
     */
    public String pairKey() {
        if (refci == null || refci.isEmpty()) {
            return "call-id:" + sipCallId;
        }
        String cluster = clusterId == null ? "" : clusterId.toLowerCase(Locale.ROOT);
        return cluster + "/" + refci.toLowerCase(Locale.ROOT);
    }
}
