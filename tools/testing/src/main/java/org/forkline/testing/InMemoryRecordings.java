package org.forkline.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.forkline.api.Recording;
import org.forkline.api.RecordingPage;
import org.forkline.api.RecordingQuery;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.api.storage.RecordingRepository;

/** The storage bundle's repository, in memory: recordings and their audio bytes per format. */
public final class InMemoryRecordings implements RecordingRepository {

    private final Map<UUID, Recording> recordings = new ConcurrentHashMap<>();
    private final Map<String, byte[]> audio = new ConcurrentHashMap<>();
    /** The last query passed to {@link #search}. */
    public final AtomicReference<RecordingQuery> lastQuery = new AtomicReference<>();
    /** When set, {@link #search} throws it (to provoke unexpected failures). */
    public final AtomicReference<RuntimeException> searchFailure = new AtomicReference<>();

    public void add(Recording recording) {
        recordings.put(recording.id(), recording);
    }

    public void addAudio(UUID id, AudioFormat format, byte[] bytes) {
        audio.put(id + "/" + format, bytes);
    }

    @Override
    public Optional<Recording> find(UUID id) {
        return Optional.ofNullable(recordings.get(id));
    }

    @Override
    public RecordingPage search(RecordingQuery query) {
        lastQuery.set(query);
        RuntimeException failure = searchFailure.get();
        if (failure != null) {
            throw failure;
        }
        List<Recording> matches = recordings.values().stream()
                .filter(r -> query.from() == null || !r.startedAt().isBefore(query.from()))
                .filter(r -> query.to() == null || r.startedAt().isBefore(query.to()))
                .filter(r -> query.number() == null || Objects.equals(query.number(), r.near().number())
                        || Objects.equals(query.number(), r.far().number()))
                .sorted(Comparator.comparing(Recording::startedAt).reversed())
                .toList();
        List<Recording> page = matches.stream().skip(query.offset()).limit(query.limit()).toList();
        return new RecordingPage(page, matches.size(), query.offset(), query.limit());
    }

    @Override
    public Optional<AudioContent> audio(UUID id, AudioFormat format) {
        Recording recording = recordings.get(id);
        byte[] bytes = audio.get(id + "/" + format);
        if (recording == null || recording.state() != RecordingState.SEALED || bytes == null) {
            return Optional.empty();
        }
        return Optional.of(new BytesContent(format, bytes));
    }

    /** Audio bytes served by range, in small chunks as a file would be. */
    public record BytesContent(AudioFormat format, byte[] bytes) implements AudioContent {

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void writeTo(long offset, long count, OutputStream out) throws IOException {
            if (offset < 0 || count < 0 || offset + count > bytes.length) {
                throw new IOException("range " + offset + "+" + count + " outside " + bytes.length);
            }
            for (long done = 0; done < count; ) {
                int chunk = (int) Math.min(4096, count - done);
                out.write(bytes, (int) (offset + done), chunk);
                done += chunk;
            }
        }
    }
}
