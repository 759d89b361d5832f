package org.forkline.web.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate-limits the WARN lines about failed logins per remote address: the first failure is logged, later ones
 * from the same address at most once per interval, with the number left out in between, so that a password
 * guesser cannot flood the log.
 */
public final class FailedLoginLog {

    private static final int MAX_USER_LENGTH = 64;

    private final Clock clock;
    private final Duration interval;
    private final int maxAddresses;
    // Request threads of the HTTP server report failures concurrently.
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public FailedLoginLog(Clock clock, Duration interval, int maxAddresses) {
        this.clock = clock;
        this.interval = interval;
        this.maxAddresses = maxAddresses;
    }

    /**
     * Counts one failed login.
     *
     * @param address remote address of the client
     * @param user    user name that was tried, may be null
     * @param reason  what was wrong, for the operator
     * @return the line to log at WARN, or empty when this failure is only counted
     */
    public Optional<String> failed(String address, String user, String reason) {
        Instant now = clock.instant();
        if (windows.size() >= maxAddresses) {
            windows.values().removeIf(window -> window.expired(now, interval));
        }
        if (windows.size() >= maxAddresses) {
            // Many addresses at once: forget them all rather than grow without bound.
            windows.clear();
        }
        int[] notLoggedBefore = {-1};
        windows.compute(address, (key, old) -> {
            if (old == null || old.expired(now, interval)) {
                notLoggedBefore[0] = old == null ? 0 : old.notLogged;
                return new Window(now, 0);
            }
            return new Window(old.loggedAt, old.notLogged + 1);
        });
        if (notLoggedBefore[0] < 0) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder("REST login failed for user '").append(printable(user))
                .append("' from ").append(address).append(": ").append(reason);
        if (notLoggedBefore[0] > 0) {
            line.append(" (and ").append(notLoggedBefore[0])
                    .append(" earlier failed logins from this address that were not logged)");
        }
        return Optional.of(line.toString());
    }

    /** Keeps a user name from forging log lines: no control characters, limited length. */
    static String printable(String user) {
        if (user == null) {
            return "";
        }
        String cleaned = user.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return cleaned.length() > MAX_USER_LENGTH ? cleaned.substring(0, MAX_USER_LENGTH) + "..." : cleaned;
    }

    private record Window(Instant loggedAt, int notLogged) {

        boolean expired(Instant now, Duration interval) {
            return !now.isBefore(loggedAt.plus(interval));
        }
    }
}
