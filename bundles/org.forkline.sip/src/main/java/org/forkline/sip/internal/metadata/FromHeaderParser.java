package org.forkline.sip.internal.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the text of a From header ({@code "Name" <sip:user@host;x-a=1;x-flag>;tag=t}) on its own, so that
 * CUCM's {@code x-} URI parameters are read the same way whatever their case, order or line folding.
 */
public final class FromHeaderParser {

    private FromHeaderParser() {
    }

    /** Parses a header value; a leading {@code From:} or {@code f:} header name is skipped. */
    public static FromHeader parse(String text) throws MetadataException {
        if (text == null || text.isBlank()) {
            throw new MetadataException("From header is empty");
        }
        String value = unfold(text).strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("from:")) {
            value = value.substring(5).strip();
        } else if (lower.startsWith("f:")) {
            value = value.substring(2).strip();
        }
        String displayName = null;
        String uri;
        String headerParameters;
        int open = value.indexOf('<');
        if (open >= 0) {
            int close = value.indexOf('>', open);
            if (close < 0) {
                throw new MetadataException("From header has '<' without '>'");
            }
            displayName = displayName(value.substring(0, open));
            uri = value.substring(open + 1, close).strip();
            headerParameters = value.substring(close + 1);
        } else {
            // addr-spec form: every ';' parameter belongs to the header (RFC 3261 20.10)
            int semicolon = value.indexOf(';');
            uri = semicolon < 0 ? value : value.substring(0, semicolon);
            headerParameters = semicolon < 0 ? "" : value.substring(semicolon);
        }
        Map<String, String> header = parameters(headerParameters);
        Map<String, String> uriParameters = new LinkedHashMap<>();
        String user = parseUri(uri, uriParameters);
        if (open < 0) {
            header.forEach((name, v) -> {
                if (name.startsWith("x-")) {
                    uriParameters.putIfAbsent(name, v);
                }
            });
        }
        return new FromHeader(displayName, user, Collections.unmodifiableMap(uriParameters), header.get("tag"));
    }

    private static String parseUri(String uri, Map<String, String> parameters) throws MetadataException {
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new MetadataException("From header has no URI scheme: '" + shorten(uri) + "'");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = uri.substring(colon + 1);
        String user = null;
        if (scheme.equals("sip") || scheme.equals("sips")) {
            int at = rest.indexOf('@');
            if (at >= 0) {
                user = userPart(rest.substring(0, at));
                rest = rest.substring(at + 1);
            }
        } else {
            // tel: and other schemes: the number comes first, parameters follow
            int semicolon = rest.indexOf(';');
            user = decode(semicolon < 0 ? rest : rest.substring(0, semicolon)).strip();
            rest = semicolon < 0 ? "" : rest.substring(semicolon);
        }
        int headers = rest.indexOf('?');
        if (headers >= 0) {
            rest = rest.substring(0, headers);
        }
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            parameters.putAll(parameters(rest.substring(semicolon)));
        }
        return user == null || user.isEmpty() ? null : user;
    }

    private static String userPart(String userinfo) throws MetadataException {
        int password = userinfo.indexOf(':');
        String user = password >= 0 ? userinfo.substring(0, password) : userinfo;
        int userParameters = user.indexOf(';');
        return decode(userParameters >= 0 ? user.substring(0, userParameters) : user).strip();
    }

    private static Map<String, String> parameters(String text) throws MetadataException {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : text.split(";")) {
            String trimmed = parameter.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String name = (equals < 0 ? trimmed : trimmed.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : decode(unquote(trimmed.substring(equals + 1).strip()));
            if (!name.isEmpty()) {
                parameters.putIfAbsent(name, value);
            }
        }
        return parameters;
    }

    private static String displayName(String text) {
        String name = text.strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = unquote(name);
        }
        return name.isEmpty() ? null : name;
    }

    private static String unquote(String text) {
        if (text.length() < 2 || !text.startsWith("\"") || !text.endsWith("\"")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() - 1) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Percent-decoding as UTF-8; a broken escape is a malformed header. */
    private static String decode(String text) throws MetadataException {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out.write(in[i]);
                continue;
            }
            int high = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int low = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw new MetadataException("From header has a broken %-escape in '" + shorten(text) + "'");
            }
            out.write(high * 16 + low);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Removes header line folding (CRLF followed by white space) so a folded From reads as one line. */
    private static String unfold(String text) {
        return text.replaceAll("\r?\n[ \t]+", " ");
    }

    static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
