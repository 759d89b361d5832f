package org.forkline.web.internal.json;

/** Packet counters of a leg as JSON. */
public record StatsJson(
        long packetsReceived,
        long packetsLost,
        long packetsDuplicate,
        long packetsLate,
        long packetsUnexpectedSource,
        long packetsMalformed,
        long packetsEvents,
        long packetsComfortNoise,
        long ssrcChanges) {
}
