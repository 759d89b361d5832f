package org.forkline.api;

/** Life cycle of a recording. */
public enum RecordingState {
    /** At least one leg is still being captured into its journal. */
    ACTIVE,
    /** All legs ended; the stereo file is being (or waiting to be) written. */
    SEALING,
    /** The stereo file is in place and its SHA-256 stored. */
    SEALED,
    /** Sealing failed; the journals are kept for another attempt. */
    FAILED
}
