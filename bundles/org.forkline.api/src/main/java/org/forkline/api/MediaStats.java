package org.forkline.api;

/**
 * Packet counters of one leg (or, summed, of the node).
 *
 * @param packetsReceived        RTP packets accepted onto the timeline (audio, events and comfort noise)
 * @param packetsLost            packets missing from the sequence (expected minus received, never negative)
 * @param packetsDuplicate       packets dropped because their sequence number was already seen
 * @param packetsLate            packets dropped because they arrived after their place was written
 * @param packetsUnexpectedSource packets dropped because they came from an address other than the negotiated one
 * @param packetsMalformed       datagrams that are not valid RTP, or carry a payload type that was not negotiated
 * @param packetsEvents          telephone-event (RFC 4733) packets, never decoded as audio
 * @param packetsComfortNoise    comfort-noise packets, written as silence
 * @param ssrcChanges            times the sender's SSRC changed
 */
public record MediaStats(
        long packetsReceived,
        long packetsLost,
        long packetsDuplicate,
        long packetsLate,
        long packetsUnexpectedSource,
        long packetsMalformed,
        long packetsEvents,
        long packetsComfortNoise,
        long ssrcChanges) {

    public static final MediaStats EMPTY = new MediaStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Field-wise sum, for node totals. */
    public MediaStats plus(MediaStats o) {
        return new MediaStats(
                packetsReceived + o.packetsReceived,
                packetsLost + o.packetsLost,
                packetsDuplicate + o.packetsDuplicate,
                packetsLate + o.packetsLate,
                packetsUnexpectedSource + o.packetsUnexpectedSource,
                packetsMalformed + o.packetsMalformed,
                packetsEvents + o.packetsEvents,
                packetsComfortNoise + o.packetsComfortNoise,
                ssrcChanges + o.ssrcChanges);
    }
}
