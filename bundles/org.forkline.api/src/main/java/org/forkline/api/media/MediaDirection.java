package org.forkline.api.media;

import java.util.Locale;

/** SDP direction attribute as the far side declared it. */
public enum MediaDirection {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    /** True when the far side sends nothing (hold): the inactivity watchdog is suspended. */
    public boolean silent() {
        return this == RECVONLY || this == INACTIVE;
    }

    /** Parses {@code sendonly}, {@code inactive}, ... case-insensitively. */
    public static MediaDirection parse(String attribute) {
        return valueOf(attribute.trim().toUpperCase(Locale.ROOT));
    }
}
