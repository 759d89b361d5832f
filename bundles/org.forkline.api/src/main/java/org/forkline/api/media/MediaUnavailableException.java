package org.forkline.api.media;

/** No media session can be opened now (port range exhausted, bind failure): a blocking error, answered 503. */
public class MediaUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public MediaUnavailableException(String message) {
        super(message);
    }

    public MediaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
