package org.forkline.api.media;

import java.util.Objects;

/**
 * What one RTP payload type means, from {@code a=rtpmap} or the static table of RFC 3551.
 *
 * @param encodingName e.g. {@code PCMU}, {@code telephone-event}, {@code CN}
 * @param clockRate    RTP clock rate in Hz
 * @param fmtp         {@code a=fmtp} parameters, or null
 */
public record PayloadFormat(String encodingName, int clockRate, String fmtp) {

    public PayloadFormat {
        Objects.requireNonNull(encodingName, "encodingName");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
    }
}
