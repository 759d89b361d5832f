package org.forkline.api.storage;

/** Storage cannot accept a recording now (not writable, disk low, database down): a blocking error, answered 503. */
public class StorageUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message) {
        super(message);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
