package org.forkline.sip.internal.sdp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.PayloadFormat;
import org.forkline.sip.internal.peer.IpLiterals;

/** Reads the first audio stream of an SDP body (RFC 4566), strictly enough to refuse what we cannot use. */
public final class SdpParser {

    private SdpParser() {
    }

    public static SessionDescription parse(String body) throws SdpException {
        if (body == null || body.isBlank()) {
            throw new SdpException("SDP body is empty");
        }
        String[] lines = body.split("\r?\n");
        Section session = new Section();
        Section audio = null;
        boolean firstLine = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpException("SDP line " + (i + 1) + " is not of the form x=value: '" + shorten(line) + "'");
            }
            char type = line.charAt(0);
            String value = line.substring(2).strip();
            if (firstLine) {
                if (type != 'v' || !value.equals("0")) {
                    throw new SdpException("SDP does not start with v=0");
                }
                firstLine = false;
                continue;
            }
            if (type == 'm') {
                if (audio != null) {
                    break;  // only the first audio stream is recorded
                }
                if (value.toLowerCase(Locale.ROOT).startsWith("audio ")) {
                    audio = new Section();
                    audio.media = value;
                } else {
                    session = session.skipping();
                }
                continue;
            }
            Section current = audio != null ? audio : session;
            if (current.skipped) {
                continue;
            }
            if (type == 'c') {
                current.connection = value;
            } else if (type == 'a') {
                current.attributes.add(value);
            }
        }
        if (firstLine) {
            throw new SdpException("SDP does not start with v=0");
        }
        if (audio == null) {
            throw new SdpException("SDP has no m=audio line");
        }
        return describe(session, audio);
    }

    private static SessionDescription describe(Section session, Section audio) throws SdpException {
        String[] media = audio.media.split("\\s+");
        if (media.length < 4) {
            throw new SdpException("m= line is incomplete: 'm=" + shorten(audio.media) + "'");
        }
        int port = parsePort(media[1]);
        String profile = media[2];
        List<Integer> payloadTypes = new ArrayList<>();
        for (int i = 3; i < media.length; i++) {
            payloadTypes.add(parsePayloadType(media[i], "m= line"));
        }
        String connection = audio.connection != null ? audio.connection : session.connection;
        if (connection == null) {
            throw new SdpException("SDP has no c= line for the audio stream");
        }
        InetAddress address = parseConnection(connection);

        Map<Integer, String[]> rtpmaps = new HashMap<>();
        Map<Integer, String> fmtps = new HashMap<>();
        MediaDirection sessionDirection = null;
        MediaDirection mediaDirection = null;
        for (String attribute : session.attributes) {
            sessionDirection = direction(attribute, sessionDirection);
        }
        for (String attribute : audio.attributes) {
            mediaDirection = direction(attribute, mediaDirection);
            String lower = attribute.toLowerCase(Locale.ROOT);
            if (lower.startsWith("rtpmap:")) {
                readRtpmap(attribute.substring(7), rtpmaps);
            } else if (lower.startsWith("fmtp:")) {
                String[] parts = attribute.substring(5).split("\\s+", 2);
                fmtps.put(parsePayloadType(parts[0], "a=fmtp"), parts.length > 1 ? parts[1].strip() : "");
            }
        }
        Map<Integer, PayloadFormat> formats = new LinkedHashMap<>();
        for (int pt : payloadTypes) {
            String[] rtpmap = rtpmaps.get(pt);
            if (rtpmap != null) {
                formats.put(pt, new PayloadFormat(rtpmap[0], Integer.parseInt(rtpmap[1]), fmtps.get(pt)));
            } else if (StaticPayloadTypes.AUDIO.containsKey(pt)) {
                PayloadFormat known = StaticPayloadTypes.AUDIO.get(pt);
                formats.put(pt, new PayloadFormat(known.encodingName(), known.clockRate(), fmtps.get(pt)));
            }
        }
        MediaDirection direction = mediaDirection != null ? mediaDirection
                : sessionDirection != null ? sessionDirection : MediaDirection.SENDRECV;
        if (address.isAnyLocalAddress() && direction != MediaDirection.INACTIVE) {
            // c=0.0.0.0 is the RFC 2543 way of putting a stream on hold.
            direction = MediaDirection.INACTIVE;
        }
        return new SessionDescription(address, port, profile, payloadTypes, formats, direction);
    }

    private static MediaDirection direction(String attribute, MediaDirection current) {
        return switch (attribute.toLowerCase(Locale.ROOT)) {
            case "sendrecv", "sendonly", "recvonly", "inactive" -> MediaDirection.parse(attribute);
            default -> current;
        };
    }

    private static void readRtpmap(String value, Map<Integer, String[]> rtpmaps) throws SdpException {
        String[] parts = value.strip().split("\\s+", 2);
        int pt = parsePayloadType(parts[0], "a=rtpmap");
        String[] encoding = parts.length > 1 ? parts[1].split("/") : new String[0];
        if (encoding.length < 2 || encoding[0].isBlank() || !encoding[1].strip().matches("\\d{1,6}")
                || Integer.parseInt(encoding[1].strip()) == 0) {
            throw new SdpException("a=rtpmap:" + shorten(value) + " is malformed: expected '<pt> <name>/<clock rate>'");
        }
        rtpmaps.put(pt, new String[] {encoding[0].strip(), encoding[1].strip()});
    }

    private static InetAddress parseConnection(String connection) throws SdpException {
        String[] parts = connection.split("\\s+");
        if (parts.length < 3 || !parts[0].equalsIgnoreCase("IN")
                || !(parts[1].equalsIgnoreCase("IP4") || parts[1].equalsIgnoreCase("IP6"))) {
            throw new SdpException("c= line is malformed: 'c=" + shorten(connection) + "'");
        }
        String host = parts[2];
        int ttl = host.indexOf('/');
        if (ttl >= 0) {
            host = host.substring(0, ttl);
        }
        String literal = host;
        return IpLiterals.parse(literal).orElseThrow(() -> new SdpException(
                "c= line holds '" + shorten(literal) + "', not an IP address"));
    }

    private static int parsePort(String text) throws SdpException {
        String port = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new SdpException("m= line has an invalid port '" + shorten(text) + "'");
        }
        return Integer.parseInt(port);
    }

    private static int parsePayloadType(String text, String where) throws SdpException {
        if (!text.matches("\\d{1,3}") || Integer.parseInt(text) > 127) {
            throw new SdpException(where + " has an invalid payload type '" + shorten(text) + "'");
        }
        return Integer.parseInt(text);
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    /** Lines of the session part or of one media part. */
    private static final class Section {
        String media;
        String connection;
        final List<String> attributes = new ArrayList<>();
        boolean skipped;

        /** A non-audio m= section starts: its lines must not leak into the session part. */
        Section skipping() {
            Section copy = new Section();
            copy.connection = connection;
            copy.attributes.addAll(attributes);
            copy.skipped = true;
            return copy;
        }
    }
}
