package org.forkline.sip.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.forkline.sip.internal.peer.IpLiterals;
import org.forkline.sip.internal.peer.TrustedPeers;

/**
 * Validated values of {@code etc/org.forkline.sip.cfg} (and the node id of {@code etc/org.forkline.node.cfg}).
 *
 * @param advertisedAddress host for Contact headers, or null to use {@code address}
 */
public record SipSettings(String nodeId, InetAddress address, int port, List<String> transports,
        String advertisedAddress, TrustedPeers trustedPeers, int channelLimit, boolean recordUnknownNumbers,
        AnswerCodes codes, int retryAfterSeconds, int sessionExpiresSeconds, int minSessionExpiresSeconds) {

    static final String SIP_FILE = "etc/org.forkline.sip.cfg";
    static final String NODE_FILE = "etc/org.forkline.node.cfg";
    /** RFC 4028: Min-SE may not be below 90 seconds. */
    static final int RFC4028_MIN_SE = 90;

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    public SipSettings {
        transports = List.copyOf(transports);
    }

    /** Reads and checks the configuration; the exception names the first bad key. */
    static SipSettings from(SipComponent.Config config) throws InvalidSettingException {
        String nodeId = config.nodeId() == null ? "" : config.nodeId().trim();
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new InvalidSettingException(NODE_FILE, "nodeId", config.nodeId(),
                    "use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        InetAddress address = IpLiterals.parse(config.address()).orElseThrow(() -> new InvalidSettingException(
                SIP_FILE, "address", config.address(), "must be an IP address of this host (0.0.0.0 for all)"));
        int port = inRange("port", config.port(), 1, 65535, "use a port from 1 to 65535");
        List<String> transports = transports(config.transports());
        String advertised = config.advertisedAddress() == null ? "" : config.advertisedAddress().trim();
        if (!advertised.isEmpty() && IpLiterals.parse(advertised).isEmpty()
                && !HOST_NAME.matcher(advertised).matches()) {
            throw new InvalidSettingException(SIP_FILE, "advertisedAddress", advertised,
                    "must be empty, an IP address or a host name");
        }
        TrustedPeers peers;
        try {
            peers = TrustedPeers.parse(config.trustedPeers());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(SIP_FILE, "trustedPeers", config.trustedPeers(), e.getMessage());
        }
        int channelLimit = inRange("channelLimit", config.channelLimit(), 0, 1_000_000, "use 0 or more");
        AnswerCodes codes = new AnswerCodes(
                code("code.untrusted", config.code_untrusted()),
                code("code.unknownUser", config.code_unknownUser()),
                code("code.channelLimit", config.code_channelLimit()),
                code("code.unavailable", config.code_unavailable()));
        int retryAfter = inRange("retryAfterSeconds", config.retryAfterSeconds(), 0, 86_400,
                "use 0 (no Retry-After) to 86400 seconds");
        int minSe = inRange("minSessionExpiresSeconds", config.minSessionExpiresSeconds(), RFC4028_MIN_SE, 86_400,
                "use " + RFC4028_MIN_SE + " (the RFC 4028 minimum) to 86400 seconds");
        int sessionExpires = inRange("sessionExpiresSeconds", config.sessionExpiresSeconds(), minSe, 86_400,
                "use minSessionExpiresSeconds (" + minSe + ") to 86400 seconds");
        return new SipSettings(nodeId, address, port, transports, advertised.isEmpty() ? null : advertised, peers,
                channelLimit, config.recordUnknownNumbers(), codes, retryAfter, sessionExpires, minSe);
    }

    /** True when both listen on the same address, port and transports (no re-bind needed). */
    boolean sameBinding(SipSettings other) {
        return address.equals(other.address) && port == other.port && transports.equals(other.transports);
    }

    /** E.g. {@code udp+tcp 127.0.0.1:5060}. */
    public String binding() {
        return String.join("+", transports) + " " + hostPort(IpLiterals.format(address), address) + ":" + port;
    }

    /**
     * The host for our Contact header: advertisedAddress, else the bind address, else (bound to the wildcard
     * address) the host the far side addressed.
     */
    public String contactHost(String requestUriHost) {
        if (advertisedAddress != null) {
            return IpLiterals.parse(advertisedAddress).map(a -> hostPort(IpLiterals.format(a), a))
                    .orElse(advertisedAddress);
        }
        if (address.isAnyLocalAddress() && requestUriHost != null && !requestUriHost.isBlank()) {
            return requestUriHost;
        }
        return hostPort(IpLiterals.format(address), address);
    }

    private static String hostPort(String literal, InetAddress address) {
        return address instanceof Inet6Address ? "[" + literal + "]" : literal;
    }

    private static List<String> transports(String text) throws InvalidSettingException {
        List<String> transports = new ArrayList<>();
        for (String entry : (text == null ? "" : text).split("[,\\s]+")) {
            String transport = entry.trim().toLowerCase(Locale.ROOT);
            if (transport.isEmpty()) {
                continue;
            }
            if (!transport.equals("udp") && !transport.equals("tcp")) {
                throw new InvalidSettingException(SIP_FILE, "transports", text,
                        "'" + transport + "' is not supported; use udp, tcp or both separated by a comma");
            }
            if (!transports.contains(transport)) {
                transports.add(transport);
            }
        }
        if (transports.isEmpty()) {
            throw new InvalidSettingException(SIP_FILE, "transports", text, "name at least one of udp, tcp");
        }
        return transports;
    }

    private static int code(String key, int value) throws InvalidSettingException {
        return inRange(key, value, 300, 699, "must be a SIP final answer code from 300 to 699");
    }

    private static int inRange(String key, int value, int min, int max, String rule)
            throws InvalidSettingException {
        if (value < min || value > max) {
            throw new InvalidSettingException(SIP_FILE, key, value, rule);
        }
        return value;
    }
}
