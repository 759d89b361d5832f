package org.forkline.sip.internal.metadata;

/** The From header or its {@code x-} parameters cannot be used; the message says which value and why. */
public final class MetadataException extends Exception {

    private static final long serialVersionUID = 1L;

    public MetadataException(String message) {
        super(message);
    }
}
