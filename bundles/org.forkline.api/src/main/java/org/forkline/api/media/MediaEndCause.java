package org.forkline.api.media;

/** Why a media session ended on its own. */
public enum MediaEndCause {
    /** No RTP arrived within the inactivity timeout while the stream was not on hold. */
    RTP_TIMEOUT,
    /** The sink could not write the journal (disk full, I/O error). */
    STORAGE_FAILURE
}
