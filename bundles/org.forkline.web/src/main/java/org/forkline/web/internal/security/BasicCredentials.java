package org.forkline.web.internal.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** User name and password from an HTTP Basic {@code Authorization} header (RFC 7617). */
public record BasicCredentials(String user, String password) {

    private static final String SCHEME = "basic ";

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }

    /**
     * Decodes the header value.
     *
     * @return empty when the header is absent, uses another scheme, or is not valid Basic
     */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.trim();
        if (value.length() <= SCHEME.length() || !value.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
