package org.forkline.shell.internal.testing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.forkline.api.Recording;
import org.forkline.api.RecordingPage;
import org.forkline.api.RecordingQuery;
import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.api.storage.RecordingRepository;

/** The storage bundle's repository, in memory (search by time and number, newest first; no audio). */
public final class InMemoryRecordings implements RecordingRepository {

    private final Map<UUID, Recording> recordings = new ConcurrentHashMap<>();
    /** The last query passed to {@link #search}. */
    public final AtomicReference<RecordingQuery> lastQuery = new AtomicReference<>();

    public void add(Recording recording) {
        recordings.put(recording.id(), recording);
    }

    @Override
    public Optional<Recording> find(UUID id) {
        return Optional.ofNullable(recordings.get(id));
    }

    @Override
    public RecordingPage search(RecordingQuery query) {
        lastQuery.set(query);
        List<Recording> matches = recordings.values().stream()
                .filter(r -> query.from() == null || !r.startedAt().isBefore(query.from()))
                .filter(r -> query.to() == null || r.startedAt().isBefore(query.to()))
                .filter(r -> query.number() == null || query.number().equals(r.near().number())
                        || query.number().equals(r.far().number()))
                .sorted(Comparator.comparing(Recording::startedAt).reversed())
                .toList();
        return new RecordingPage(matches.stream().skip(query.offset()).limit(query.limit()).toList(),
                matches.size(), query.offset(), query.limit());
    }

    @Override
    public Optional<AudioContent> audio(UUID id, AudioFormat format) {
        return Optional.empty();
    }
}
