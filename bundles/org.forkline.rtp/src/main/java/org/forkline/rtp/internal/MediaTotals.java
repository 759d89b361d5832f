package org.forkline.rtp.internal;

import java.util.concurrent.atomic.LongAdder;

import org.forkline.api.MediaStats;

/** Counters of the sessions that ended, added up from any thread. */
final class MediaTotals {

    private final LongAdder received = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder duplicate = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder unexpectedSource = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder comfortNoise = new LongAdder();
    private final LongAdder ssrcChanges = new LongAdder();

    void add(MediaStats stats) {
        received.add(stats.packetsReceived());
        lost.add(stats.packetsLost());
        duplicate.add(stats.packetsDuplicate());
        late.add(stats.packetsLate());
        unexpectedSource.add(stats.packetsUnexpectedSource());
        malformed.add(stats.packetsMalformed());
        events.add(stats.packetsEvents());
        comfortNoise.add(stats.packetsComfortNoise());
        ssrcChanges.add(stats.ssrcChanges());
    }

    MediaStats sum() {
        return new MediaStats(received.sum(), lost.sum(), duplicate.sum(), late.sum(), unexpectedSource.sum(),
                malformed.sum(), events.sum(), comfortNoise.sum(), ssrcChanges.sum());
    }
}
