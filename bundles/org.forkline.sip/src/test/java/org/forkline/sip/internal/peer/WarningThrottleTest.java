package org.forkline.sip.internal.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class WarningThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final WarningThrottle throttle = new WarningThrottle(Duration.ofMinutes(1), now::get);

    @Test
    void firstWarningPassesRepeatsWithinTheIntervalAreCountedAndReportedLater() {
        assertThat(throttle.tryAcquire("10.1.2.3")).isZero();
        assertThat(throttle.tryAcquire("10.1.2.3")).isEqualTo(-1);
        assertThat(throttle.tryAcquire("10.1.2.3")).isEqualTo(-1);

        now.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThat(throttle.tryAcquire("10.1.2.3")).isEqualTo(2);
        assertThat(throttle.tryAcquire("10.1.2.3")).isEqualTo(-1);
    }

    @Test
    void eachSourceHasItsOwnWindow() {
        assertThat(throttle.tryAcquire("10.1.2.3")).isZero();
        assertThat(throttle.tryAcquire("10.1.2.4")).isZero();
    }
}
