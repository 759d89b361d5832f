package org.forkline.rtp.internal.timeline;

import java.time.Instant;

/** Monotonic time for elapsed intervals and wall-clock time for anchoring a leg; replaceable in tests. */
public interface MediaClock {

    MediaClock SYSTEM = new MediaClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochMicros() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }
    };

    long nanoTime();

    long epochMicros();
}
