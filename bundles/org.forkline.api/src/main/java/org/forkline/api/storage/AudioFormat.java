package org.forkline.api.storage;

/** Formats a sealed recording can be served in. */
public enum AudioFormat {
    /** The stored file: Ogg Opus, two uncoupled mono streams (near end left, far end right). */
    OGG_OPUS("audio/ogg", "opus"),
    /** Decoded on the fly: 16-bit PCM stereo WAV at the recording's sample rate. */
    WAV("audio/wav", "wav");

    private final String contentType;
    private final String extension;

    AudioFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }
}
