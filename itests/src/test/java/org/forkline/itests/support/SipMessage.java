package org.forkline.itests.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A SIP request or response as received on the wire: start line, headers in order, body. Lenient on purpose. */
public final class SipMessage {

    private static final Map<String, String> COMPACT = Map.of("i", "call-id", "v", "via", "f", "from", "t", "to",
            "l", "content-length", "c", "content-type", "m", "contact", "k", "supported");
    private static final Pattern TAG = Pattern.compile(";\\s*tag=([^;>\\s]+)");

    private final String startLine;
    private final List<Map.Entry<String, String>> headers;
    private final String body;
    private final String raw;

    private SipMessage(String startLine, List<Map.Entry<String, String>> headers, String body, String raw) {
        this.startLine = startLine;
        this.headers = headers;
        this.body = body;
        this.raw = raw;
    }

    /** Parses a datagram; folded header lines are joined. */
    public static SipMessage parse(byte[] data, int length) {
        String raw = new String(data, 0, length, StandardCharsets.UTF_8);
        int split = raw.indexOf("\r\n\r\n");
        String head = split < 0 ? raw : raw.substring(0, split);
        String body = split < 0 ? "" : raw.substring(split + 4);
        String[] lines = head.split("\r\n");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                Map.Entry<String, String> last = headers.remove(headers.size() - 1);
                headers.add(Map.entry(last.getKey(), last.getValue() + " " + line.trim()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            }
        }
        return new SipMessage(lines[0], List.copyOf(headers), body, raw);
    }

    public String startLine() {
        return startLine;
    }

    public boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    /** Status code of a response, -1 for a request. */
    public int statusCode() {
        if (!isResponse() || startLine.length() < 11) {
            return -1;
        }
        try {
            return Integer.parseInt(startLine.substring(8, 11));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Method of a request, or the method in CSeq for a response. */
    public String method() {
        if (!isResponse()) {
            return startLine.split(" ", 2)[0];
        }
        String cseq = header("CSeq").orElse("");
        String[] parts = cseq.trim().split("\\s+");
        return parts.length == 2 ? parts[1] : "";
    }

    /** First value of a header (case-insensitive, compact forms understood). */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    /** All values of a header, in order. */
    public List<String> headers(String name) {
        String wanted = canonical(name);
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            if (canonical(header.getKey()).equals(wanted)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    /** Every header as name and value, in the order received. */
    public List<Map.Entry<String, String>> allHeaders() {
        return headers;
    }

    public String callId() {
        return header("Call-ID").orElse("");
    }

    /** The tag parameter of the To header, or empty. */
    public Optional<String> toTag() {
        return header("To").flatMap(SipMessage::tagOf);
    }

    /** The URI inside the Contact header's angle brackets, or empty. */
    public Optional<String> contactUri() {
        return header("Contact").map(contact -> {
            int open = contact.indexOf('<');
            int close = contact.indexOf('>');
            return open >= 0 && close > open ? contact.substring(open + 1, close) : contact.split(";")[0];
        });
    }

    public String body() {
        return body;
    }

    /** The message as received, for assertion messages. */
    public String raw() {
        return raw;
    }

    @Override
    public String toString() {
        return raw;
    }

    static Optional<String> tagOf(String headerValue) {
        Matcher matcher = TAG.matcher(headerValue);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String canonical(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }
}
