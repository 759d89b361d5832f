package org.forkline.sip.internal.call;

import java.time.Duration;

/** Counts request handling still running (listener calls and admissions), so that shutdown can wait for it. */
final class InFlight {

    private int running;  // guarded by this

    synchronized void enter() {
        running++;
    }

    synchronized void exit() {
        running--;
        notifyAll();
    }

    /** @return false when work was still running at the timeout */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return true;
    }
}
