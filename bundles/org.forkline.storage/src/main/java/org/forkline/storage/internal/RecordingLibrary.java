package org.forkline.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.forkline.api.Recording;
import org.forkline.api.RecordingPage;
import org.forkline.api.RecordingQuery;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.api.storage.RecordingRepository;
import org.forkline.storage.internal.audio.OggOpusContent;
import org.forkline.storage.internal.audio.WavContent;
import org.forkline.storage.internal.db.RecordingQueries;
import org.forkline.storage.internal.db.RecordingRow;

/** Search, details and audio of the recordings stored on this node. */
final class RecordingLibrary implements RecordingRepository {

    private final MediaFiles mediaFiles;
    private final RecordingQueries queries;

    RecordingLibrary(Path dataDir, RecordingQueries queries) {
        this.mediaFiles = new MediaFiles(dataDir);
        this.queries = queries;
    }

    @Override
    public Optional<Recording> find(UUID id) {
        try {
            return queries.find(id);
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + id + " cannot be read from the database: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public RecordingPage search(RecordingQuery query) {
        try {
            return queries.search(query);
        } catch (SQLException e) {
            throw new IllegalStateException("recordings cannot be searched: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<AudioContent> audio(UUID id, AudioFormat format) throws IOException {
        RecordingRow row;
        try {
            Optional<RecordingRow> found = queries.row(id);
            if (found.isEmpty() || found.get().state() != RecordingState.SEALED || found.get().mediaPath() == null) {
                return Optional.empty();
            }
            row = found.get();
        } catch (SQLException e) {
            throw new IOException("recording " + id + " cannot be read from the database: " + e.getMessage(), e);
        }
        Path file = mediaFiles.resolve(id, row.mediaPath()).orElseThrow(
                () -> new IOException("recording " + id + " has an unexpected media path " + row.mediaPath()));
        if (!Files.isRegularFile(file)) {
            throw new IOException("the file of sealed recording " + id + " is missing: " + file);
        }
        return Optional.of(format == AudioFormat.WAV ? WavContent.open(file) : new OggOpusContent(file));
    }
}
