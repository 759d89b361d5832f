package org.forkline.itests.support;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A recording as the REST API returns it: the JSON form of {@code org.forkline.api.Recording} (same field names).
 * Instants are kept as text: the tests compare durations, not clock readings.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordingJson(UUID id, String state, String startedAt, String endedAt, long durationMillis,
        PartyJson near, PartyJson far, String clusterId, String refci, String codec, String nodeId, boolean recovered,
        boolean orphan, long sizeBytes, String sha256, List<LegJson> legs) {

    public RecordingJson {
        legs = legs == null ? List.of() : List.copyOf(legs);
    }

    /** The leg with direction NEAR or FAR, if there is one. */
    public Optional<LegJson> leg(String direction) {
        return legs.stream().filter(leg -> direction.equalsIgnoreCase(leg.direction())).findFirst();
    }

    /** JSON of {@code org.forkline.api.Party}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PartyJson(String number, String device, String displayName) {
    }

    /** JSON of {@code org.forkline.api.RecordingLeg}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LegJson(UUID id, String direction, String sipCallId, String startedAt, String endedAt, String codec,
            String remoteAddress, String endReason, StatsJson stats) {
    }

    /** JSON of {@code org.forkline.api.MediaStats}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatsJson(long packetsReceived, long packetsLost, long packetsDuplicate, long packetsLate,
            long packetsUnexpectedSource, long packetsMalformed, long packetsEvents, long packetsComfortNoise,
            long ssrcChanges) {
    }

    /** JSON of {@code org.forkline.api.RecordingPage}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PageJson(List<RecordingJson> items, long total, int offset, int limit) {
        public PageJson {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }
}
