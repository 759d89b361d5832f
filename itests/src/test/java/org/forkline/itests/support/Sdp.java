package org.forkline.itests.support;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SDP as CUCM writes it in the ACK (PROTOCOL.md 1.2, 1.5), and the few things tests read from Forkline's offer. */
public final class Sdp {

    private static final Pattern CONNECTION = Pattern.compile("(?m)^c=IN IP4 (\\S+)\\s*$");
    private static final Pattern AUDIO = Pattern.compile("(?m)^m=audio (\\d+) RTP/S?AVP((?: \\d+)*)\\s*$");
    private static final Pattern DIRECTION = Pattern.compile("(?m)^a=(sendrecv|sendonly|recvonly|inactive)\\s*$");

    private Sdp() {
    }

    /** CUCM's answer for a G.711 µ-law phone: PCMU plus telephone-event, 20 ms, the given direction. */
    public static String cucmAnswer(String mediaIp, int mediaPort, String direction) {
        return answer(mediaIp, mediaPort, direction, "0 101",
                "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=ptime:20");
    }

    /** An answer with the given payload type list and attribute lines (without the direction, added last). */
    public static String answer(String mediaIp, int mediaPort, String direction, String payloadTypes,
            String... attributes) {
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=CiscoSystemsCCM-SIP 104958 1 IN IP4 ").append(mediaIp).append("\r\n")
                .append("s=SIP Call\r\n")
                .append("c=IN IP4 ").append(mediaIp).append("\r\n")
                .append("b=TIAS:64000\r\n")
                .append("b=AS:64\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(mediaPort).append(" RTP/AVP ").append(payloadTypes).append("\r\n");
        for (String attribute : attributes) {
            sdp.append(attribute).append("\r\n");
        }
        return sdp.append("a=").append(direction).append("\r\n").toString();
    }

    /** Where the offer wants the RTP: its {@code c=} address and first {@code m=audio} port. */
    public static InetSocketAddress mediaAddress(String sdp) {
        Matcher connection = CONNECTION.matcher(sdp);
        Matcher audio = AUDIO.matcher(sdp);
        if (!connection.find() || !audio.find()) {
            throw new AssertionError("SDP without c=IN IP4 or m=audio line:\n" + sdp);
        }
        return new InetSocketAddress(connection.group(1), Integer.parseInt(audio.group(1)));
    }

    /** Payload types of the first {@code m=audio} line, in order. */
    public static List<Integer> payloadTypes(String sdp) {
        Matcher audio = AUDIO.matcher(sdp);
        List<Integer> types = new ArrayList<>();
        if (audio.find()) {
            for (String type : audio.group(2).trim().split("\\s+")) {
                if (!type.isEmpty()) {
                    types.add(Integer.parseInt(type));
                }
            }
        }
        return types;
    }

    /** The direction attribute, if any. */
    public static Optional<String> direction(String sdp) {
        Matcher matcher = DIRECTION.matcher(sdp);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
