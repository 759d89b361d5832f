package org.forkline.sip.internal.sipclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A SIP message as text, taken apart just enough for assertions. */
public record SipMessage(String startLine, List<Map.Entry<String, String>> headers, String body, String raw) {

    private static final Map<String, String> COMPACT = Map.of("f", "from", "t", "to", "i", "call-id", "v", "via",
            "m", "contact", "l", "content-length", "c", "content-type", "k", "supported", "x", "session-expires");

    public static SipMessage parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.replaceAll("\r\n[ \t]+", " ").split("\r\n");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
            }
        }
        return new SipMessage(lines[0], headers, body, text);
    }

    public boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    public int statusCode() {
        return isResponse() ? Integer.parseInt(startLine.split(" ")[1]) : -1;
    }

    public String reasonPhrase() {
        return isResponse() ? startLine.split(" ", 3)[2] : null;
    }

    public String method() {
        return isResponse() ? null : startLine.split(" ")[0];
    }

    public String requestUri() {
        return isResponse() ? null : startLine.split(" ")[1];
    }

    /** The first header with this name (case-insensitive, compact forms understood), or null. */
    public String header(String name) {
        List<String> all = headers(name);
        return all.isEmpty() ? null : all.get(0);
    }

    public List<String> headers(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            String key = header.getKey().toLowerCase(Locale.ROOT);
            if (COMPACT.getOrDefault(key, key).equals(wanted)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    public String cseqMethod() {
        String cseq = header("CSeq");
        return cseq == null ? null : cseq.split("\\s+")[1];
    }

    public String callId() {
        return header("Call-ID");
    }

    /** The tag parameter of the To header. */
    public String toTag() {
        String to = header("To");
        int tag = to == null ? -1 : to.indexOf(";tag=");
        return tag < 0 ? null : to.substring(tag + 5).split(";")[0];
    }

    /** The URI inside the Contact header's angle brackets. */
    public String contactUri() {
        String contact = header("Contact");
        return contact == null ? null : contact.substring(contact.indexOf('<') + 1, contact.indexOf('>'));
    }

    @Override
    public String toString() {
        return raw;
    }
}
