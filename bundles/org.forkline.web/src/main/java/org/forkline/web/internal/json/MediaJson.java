package org.forkline.web.internal.json;

/** Node-wide media counters as JSON. */
public record MediaJson(
        int activeSessions,
        int portsInUse,
        int portsTotal,
        long packetsReceived,
        long packetsLost,
        long packetsDuplicate,
        long packetsLate,
        long packetsUnexpectedSource,
        long packetsMalformed,
        long packetsEvents,
        long packetsComfortNoise) {
}
