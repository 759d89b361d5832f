package org.forkline.rtp.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.forkline.rtp.internal.timeline.LegOptions;

/**
 * Validated, immutable snapshot of {@link RtpConfig}; sessions keep the snapshot they were opened with.
 *
 * @param advertisedAddress null when the bind address is advertised
 */
record RtpSettings(InetAddress address, InetAddress advertisedAddress, int portMin, int portMax, LegOptions legOptions,
        int inactivityTimeoutSeconds, int threads, int wakeupIntervalMillis) {

    private static final String FILE = "etc/org.forkline.rtp.cfg";

    static RtpSettings from(RtpConfig config) {
        InetAddress address = parseAddress("address", config.address());
        String advertised = config.advertisedAddress() == null ? "" : config.advertisedAddress().trim();
        InetAddress advertisedAddress = advertised.isEmpty() ? null : parseAddress("advertisedAddress", advertised);
        int portMin = config.portMin();
        int portMax = config.portMax();
        if (portMin < 1 || portMax > 65535 || firstRtpPort(portMin) + 1 > portMax) {
            throw new IllegalArgumentException("portMin=" + portMin + " and portMax=" + portMax + " in " + FILE
                    + " must hold at least one even port and the port above it, within 1-65535");
        }
        requireRange("reorderMillis", config.reorderMillis(), 0, 2000);
        requireRange("flushMillis", config.flushMillis(), 1, 60_000);
        requireRange("inactivityTimeoutSeconds", config.inactivityTimeoutSeconds(), 1, Integer.MAX_VALUE / 1000);
        requireRange("threads", config.threads(), 0, 1024);
        requireRange("wakeupIntervalMillis", config.wakeupIntervalMillis(), 0, 20);
        return new RtpSettings(address, advertisedAddress, portMin, portMax,
                new LegOptions(config.reorderMillis(), config.flushMillis(), config.strictSource()),
                config.inactivityTimeoutSeconds(), config.threads(), config.wakeupIntervalMillis());
    }

    static int firstRtpPort(int portMin) {
        return portMin + (portMin & 1);
    }

    /** Address for the SDP offer. */
    InetAddress offeredAddress() {
        return advertisedAddress == null ? address : advertisedAddress;
    }

    private static InetAddress parseAddress(String key, String value) {
        try {
            return InetAddress.getByName(value.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + "=" + value + " in " + FILE + " is not a valid address", e);
        }
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + "=" + value + " in " + FILE + " must be between " + min
                    + " and " + max);
        }
    }
}
