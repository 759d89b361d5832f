package org.forkline.rtp.internal.testing;

import org.forkline.rtp.internal.timeline.MediaClock;

/** A clock the test moves by hand. */
public final class ManualClock implements MediaClock {

    private long nanos = 1_000_000_000L;
    private long epochMicros = 1_700_000_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochMicros() {
        return epochMicros;
    }

    public void advanceMillis(long millis) {
        nanos += millis * 1_000_000L;
        epochMicros += millis * 1_000L;
    }
}
