package org.forkline.api.storage;

import org.forkline.api.LegMetadata;

/** Entry point of the capture side: every admitted leg gets a crash-safe journal and joins its call's recording. */
public interface RecordingService {

    /**
     * Creates the journal of a new leg and attaches it to the active recording with the same
     * {@link LegMetadata#pairKey()}, or starts a new recording.
     *
     * @throws StorageUnavailableException when nothing can be written (a blocking error: answer 503)
     */
    LegHandle openLeg(LegMetadata metadata) throws StorageUnavailableException;

    /** True while a recording with this pair key has a leg that has not ended. */
    boolean isActive(String pairKey);
}
