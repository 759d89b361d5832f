package org.forkline.web.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class FailedLoginLogTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {

        private Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final FailedLoginLog log = new FailedLoginLog(clock, Duration.ofMinutes(1), 3);

    @Test
    void theFirstFailureOfAnAddressIsLoggedWithUserAndReasonButNoPassword() {
        assertThat(log.failed("10.0.0.9", "karaf", "wrong user name or password"))
                .hasValue("REST login failed for user 'karaf' from 10.0.0.9: wrong user name or password");
    }

    @Test
    void laterFailuresWithinTheIntervalAreOnlyCountedThenReported() {
        log.failed("10.0.0.9", "karaf", "wrong");
        assertThat(log.failed("10.0.0.9", "karaf", "wrong")).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(log.failed("10.0.0.9", "admin", "wrong")).isEmpty();

        clock.advance(Duration.ofSeconds(30));

        assertThat(log.failed("10.0.0.9", "root", "wrong")).hasValueSatisfying(line -> assertThat(line)
                .contains("user 'root'")
                .endsWith("(and 2 earlier failed logins from this address that were not logged)"));
        assertThat(log.failed("10.0.0.9", "root", "wrong")).isEmpty();
    }

    @Test
    void addressesAreLimitedIndependently() {
        log.failed("10.0.0.1", "a", "wrong");

        assertThat(log.failed("10.0.0.2", "a", "wrong")).isPresent();
        assertThat(log.failed("10.0.0.1", "a", "wrong")).isEmpty();
    }

    @Test
    void forgetsAddressesRatherThanGrowingBeyondTheLimit() {
        log.failed("10.0.0.1", "a", "wrong");
        log.failed("10.0.0.2", "a", "wrong");
        log.failed("10.0.0.3", "a", "wrong");

        log.failed("10.0.0.4", "a", "wrong");

        // the table was full of recent entries and was cleared: 10.0.0.1 counts as new again
        assertThat(log.failed("10.0.0.1", "a", "wrong")).isPresent();
    }

    @Test
    void userNamesCannotForgeLogLines() {
        assertThat(FailedLoginLog.printable("eve\nINFO all good")).isEqualTo("eve?INFO all good");
        assertThat(FailedLoginLog.printable("x".repeat(100))).hasSize(67).endsWith("...");
        assertThat(FailedLoginLog.printable(null)).isEmpty();
    }
}
