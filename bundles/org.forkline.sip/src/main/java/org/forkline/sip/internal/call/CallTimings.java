package org.forkline.sip.internal.call;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Timer constants of call handling.
 *
 * @param ackTimeout       how long to wait for the ACK of our 200 OK before ending the leg
 * @param sessionTimerUnit unit of granted session intervals (seconds; tests use milliseconds)
 */
public record CallTimings(Duration ackTimeout, TimeUnit sessionTimerUnit) {

    /** RFC 3261 13.3.1.4: the UAS gives up on the ACK after 64*T1 = 32 s. */
    public static final CallTimings STANDARD = new CallTimings(Duration.ofSeconds(32), TimeUnit.SECONDS);
}
