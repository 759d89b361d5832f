package org.forkline.sip.internal.peer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets a repeated warning through at most once per interval and key (e.g. per source address), so that a
 * scanner or a misconfigured peer cannot flood the log.
 */
public final class WarningThrottle {

    /** Beyond this many keys the table is reset rather than grown: a flood of sources must not eat memory. */
    private static final int MAX_KEYS = 10_000;

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public WarningThrottle(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * @return -1 when this occurrence must not be logged, otherwise how many occurrences were swallowed since
     *         the last one that was logged
     */
    public long tryAcquire(String key) {
        if (windows.size() > MAX_KEYS) {
            windows.clear();
        }
        long now = nanoClock.getAsLong();
        long[] result = new long[1];
        windows.compute(key, (k, window) -> {
            if (window == null || now - window.loggedAt >= intervalNanos) {
                result[0] = window == null ? 0 : window.suppressed;
                return new Window(now, 0);
            }
            result[0] = -1;
            return new Window(window.loggedAt, window.suppressed + 1);
        });
        return result[0];
    }

    private record Window(long loggedAt, long suppressed) {
    }
}
