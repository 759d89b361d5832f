package org.forkline.api.storage;

import java.util.UUID;

/** Deletes recordings on this node; the deletion replicates to every node as a tombstone. */
public interface RecordingDeletion {

    /**
     * Deletes a sealed recording: its file, its row and legs, and appends a tombstone.
     *
     * @return false when no recording has this id
     * @throws IllegalStateException when the recording is not sealed (still being recorded or sealed, or failed)
     */
    boolean delete(UUID recordingId);
}
