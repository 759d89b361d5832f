package org.forkline.api.storage;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import org.forkline.api.Recording;
import org.forkline.api.RecordingPage;
import org.forkline.api.RecordingQuery;

/** Read side of the recordings: search, details and audio. */
public interface RecordingRepository {

    Optional<Recording> find(UUID id);

    /** Recordings matching the query, newest first. */
    RecordingPage search(RecordingQuery query);

    /**
     * The audio of a sealed recording in the requested format; empty when the recording does not exist or is
     * not sealed yet.
     */
    Optional<AudioContent> audio(UUID id, AudioFormat format) throws IOException;
}
