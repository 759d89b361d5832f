package org.forkline.replication.internal;

import java.util.concurrent.TimeUnit;

/** A token bucket in bytes per second with one second of burst; a rate of 0 never waits. */
final class TokenBucket {

    private final long bytesPerSecond;
    private double tokens;
    private long refilledAt;

    TokenBucket(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
        this.refilledAt = System.nanoTime();
    }

    boolean unlimited() {
        return bytesPerSecond <= 0;
    }

    /** Takes {@code bytes} tokens, waiting until they are there. */
    void take(int bytes) throws InterruptedException {
        if (unlimited()) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(bytesPerSecond, tokens + (now - refilledAt) * bytesPerSecond / 1e9);
            refilledAt = now;
            tokens -= bytes;
            // A debt is paid by waiting: the bucket goes negative and the waiting callers queue behind it.
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / bytesPerSecond);
        }
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }
}
