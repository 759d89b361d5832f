package org.forkline.sip.internal.call;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.forkline.sip.internal.SipSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of a leg: the ACK watchdog of our 200 OK, and RFC 4028 session timers (what the far side asks for,
 * what we grant with CUCM as refresher, and the timer that ends a leg whose session was not refreshed in time).
 */
final class LegTimers {

    private static final Logger LOG = LoggerFactory.getLogger(LegTimers.class);

    /**
     * What a request asks for.
     *
     * @param supported      the far side uses session timers (Supported: timer, or Session-Expires present)
     * @param sessionExpires requested interval in seconds, or null
     * @param minSe          the far side's Min-SE in seconds, or null
     */
    record Ask(boolean supported, Integer sessionExpires, Integer minSe) {
    }

    private final ScheduledExecutorService scheduler;
    private final LegTerminator terminator;
    private final CallTimings timings;

    LegTimers(ScheduledExecutorService scheduler, LegTerminator terminator, CallTimings timings) {
        this.scheduler = scheduler;
        this.terminator = terminator;
        this.timings = timings;
    }

    /**
     * Ends the leg when the ACK of our 200 OK does not come (the RI only reports that for dialogs that went
     * through an early state, which ours never do).
     */
    void watchAck(Leg leg) {
        scheduler.schedule(() -> {
            if (leg.state() == Leg.State.ANSWERED) {
                LOG.warn("No ACK for the 200 OK of {} within {} ms: ending it with BYE (ACK_TIMEOUT)", leg,
                        timings.ackTimeout().toMillis());
                terminator.end(leg, "ACK_TIMEOUT", 408, "no ACK received");
            }
        }, timings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @throws IllegalArgumentException when Session-Expires or Min-SE is not a number of seconds */
    static Ask read(Request request) {
        Integer sessionExpires = seconds(request, "Session-Expires", "x");
        Integer minSe = seconds(request, "Min-SE", null);
        List<String> supported = Headers.optionTags(request, "Supported");
        supported.addAll(Headers.optionTags(request, "k"));
        return new Ask(supported.contains("timer") || sessionExpires != null, sessionExpires, minSe);
    }

    /** True when the far side asks for an interval below our minimum (answer 422 with Min-SE). */
    static boolean tooSmall(Ask ask, SipSettings settings) {
        return ask.sessionExpires() != null && ask.sessionExpires() < settings.minSessionExpiresSeconds();
    }

    /** The interval we grant, or 0 when the far side does not use session timers. */
    static int grant(Ask ask, SipSettings settings) {
        if (!ask.supported()) {
            return 0;
        }
        int granted = ask.sessionExpires() != null
                ? Math.min(ask.sessionExpires(), settings.sessionExpiresSeconds())
                : settings.sessionExpiresSeconds();
        return ask.minSe() != null ? Math.max(granted, ask.minSe()) : granted;
    }

    static void addHeaders(Signalling signalling, Response response, int grantedSeconds) {
        if (grantedSeconds > 0) {
            signalling.header(response, "Session-Expires", grantedSeconds + ";refresher=uac");
            signalling.header(response, "Require", "timer");
        }
    }

    /** (Re)starts the leg's session timer; 0 stops it. */
    void arm(Leg leg, int grantedSeconds) {
        if (grantedSeconds <= 0) {
            leg.sessionTimer(0, null);
            return;
        }
        arm(leg, grantedSeconds, timings.sessionTimerUnit().toNanos(grantedSeconds));
    }

    /** Starts the leg's session timer to fire after {@code delayNanos} (a leg taken over keeps its deadline). */
    void arm(Leg leg, int grantedSeconds, long delayNanos) {
        long delay = Math.max(0, delayNanos);
        leg.sessionTimer(grantedSeconds, scheduler.schedule(() -> expire(leg, grantedSeconds), delay,
                TimeUnit.NANOSECONDS), System.nanoTime() + delay);
    }

    private void expire(Leg leg, int grantedSeconds) {
        if (leg.isAnswered()) {
            LOG.warn("Session of {} was not refreshed within {} s (session timer): ending it with BYE", leg,
                    grantedSeconds);
            terminator.end(leg, "SESSION_EXPIRED", 408, "session timer expired");
        }
    }

    private static Integer seconds(Request request, String name, String compactName) {
        String value = Headers.value(request, name);
        if (value == null && compactName != null) {
            value = Headers.value(request, compactName);
        }
        if (value == null) {
            return null;
        }
        String number = value.split(";", 2)[0].strip();
        if (!number.matches("\\d{1,9}")) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number of seconds");
        }
        return Integer.valueOf(number);
    }
}
