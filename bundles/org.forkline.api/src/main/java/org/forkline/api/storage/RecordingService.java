package org.forkline.api.storage;

import java.util.UUID;

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

    /**
     * A new handle on a leg that has not ended, for a caller that goes on with it after a bundle update or restart
     * (its own, storage's or the media bundle's) made its previous handle or sink unusable. The previous sink of the
     * leg is closed; the new sink's {@link PcmSink#begin} places its timeline on the leg's original one, so the
     * audio goes on at the right time.
     *
     * @throws StorageUnavailableException when the leg is unknown, has ended, or its journal cannot be reopened
     */
    LegHandle resumeLeg(UUID legId) throws StorageUnavailableException;

    /** True while a recording with this pair key has a leg that has not ended. */
    boolean isActive(String pairKey);
}
