package org.forkline.sip.internal.call;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;

import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;

import gov.nist.javax.sip.header.SIPHeader;

/** Reads header values and bodies from JAIN-SIP messages the same way everywhere. */
final class Headers {

    private Headers() {
    }

    /** The value part of a header as received, without the name. */
    static String value(Header header) {
        if (header == null) {
            return null;
        }
        if (header instanceof SIPHeader sipHeader) {
            return sipHeader.getHeaderValue().strip();
        }
        String text = header.toString();
        int colon = text.indexOf(':');
        return (colon >= 0 ? text.substring(colon + 1) : text).strip();
    }

    static String value(Message message, String name) {
        return value(message.getHeader(name));
    }

    /** Option tags of every {@code Supported} or {@code Require} header, lower case. */
    static List<String> optionTags(Message message, String name) {
        List<String> tags = new ArrayList<>();
        ListIterator<?> headers = message.getHeaders(name);
        while (headers != null && headers.hasNext()) {
            String value = value((Header) headers.next());
            for (String tag : value == null ? new String[0] : value.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return tags;
    }

    static String callId(Message message) {
        CallIdHeader header = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return header == null ? null : header.getCallId();
    }

    static String fromTag(Message message) {
        FromHeader header = (FromHeader) message.getHeader(FromHeader.NAME);
        return header == null ? null : header.getTag();
    }

    static String toTag(Message message) {
        ToHeader header = (ToHeader) message.getHeader(ToHeader.NAME);
        return header == null ? null : header.getTag();
    }

    /** The body as text, or null when there is none. */
    static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /** Content type in lower case without parameters ({@code application/sdp}), or null. */
    static String contentType(Message message) {
        ContentTypeHeader header = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (header == null) {
            return null;
        }
        return (header.getContentType() + "/" + header.getContentSubType()).toLowerCase(Locale.ROOT);
    }

    /** The SDP body, or null when the message carries none (no body, or a body of another type). */
    static String sdp(Message message) {
        String body = body(message);
        return body != null && "application/sdp".equals(contentType(message)) ? body : null;
    }
}
