package org.forkline.rtp.internal.timeline;

import java.util.concurrent.atomic.AtomicLongArray;

import org.forkline.api.MediaStats;

/**
 * Packet counters of one leg. Written only by the leg's event-loop thread (ordered stores, no read-modify-write
 * atomics on the packet path), readable from any thread.
 */
public final class StreamCounters {

    private static final int RECEIVED = 0;
    private static final int LOST = 1;
    private static final int DUPLICATE = 2;
    private static final int LATE = 3;
    private static final int UNEXPECTED_SOURCE = 4;
    private static final int MALFORMED = 5;
    private static final int EVENTS = 6;
    private static final int COMFORT_NOISE = 7;
    private static final int SSRC_CHANGES = 8;

    private final AtomicLongArray values = new AtomicLongArray(9);

    void received() {
        increment(RECEIVED);
    }

    void lost(long total) {
        if (values.get(LOST) != total) {
            values.lazySet(LOST, total);
        }
    }

    void duplicate() {
        increment(DUPLICATE);
    }

    void late() {
        increment(LATE);
    }

    void unexpectedSource() {
        increment(UNEXPECTED_SOURCE);
    }

    void malformed() {
        increment(MALFORMED);
    }

    void event() {
        increment(EVENTS);
    }

    void comfortNoise() {
        increment(COMFORT_NOISE);
    }

    void ssrcChange() {
        increment(SSRC_CHANGES);
    }

    public MediaStats snapshot() {
        return new MediaStats(values.get(RECEIVED), values.get(LOST), values.get(DUPLICATE), values.get(LATE),
                values.get(UNEXPECTED_SOURCE), values.get(MALFORMED), values.get(EVENTS), values.get(COMFORT_NOISE),
                values.get(SSRC_CHANGES));
    }

    private void increment(int index) {
        values.lazySet(index, values.get(index) + 1);
    }
}
