package org.forkline.storage.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.PcmSink;
import org.forkline.api.storage.StorageUnavailableException;
import org.forkline.storage.internal.db.RecordingDao;
import org.forkline.storage.internal.journal.EndRecord;
import org.forkline.storage.internal.journal.JournalFile;
import org.forkline.storage.internal.journal.JournalFormat;
import org.forkline.storage.internal.journal.JournalPayloads;
import org.forkline.storage.internal.journal.JournalScan;
import org.forkline.storage.internal.journal.JournalSink;
import org.forkline.storage.internal.journal.JournalStore;
import org.forkline.storage.internal.journal.LateAudio;
import org.forkline.storage.internal.journal.LegMeta;
import org.forkline.storage.internal.journal.RecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leg: its journal, its PCM sink and its row; ending it may complete its recording. A leg taken over from the
 * previous activation of storage has no journal open until {@link #resume} reopens it, and holds meanwhile the audio
 * its old sinks keep receiving.
 */
final class LiveLeg implements LegHandle {

    private static final Logger LOG = LoggerFactory.getLogger(LiveLeg.class);

    /** What a leg needs from the node it lives on. */
    record Context(RecordingDao dao, HealthMonitor health, Clock clock, String nodeId) {
    }

    private final Context context;
    private final RecordingRegistry registry;
    private final LiveRecording recording;
    private final UUID legId;
    private final Instant startedAt;
    private final LegDirection direction;
    // Replaced under this leg's monitor by resume(); read without it by the media and signalling threads.
    private volatile JournalFile journal;
    private volatile JournalSink sink;
    private boolean ended;   // guarded by this
    /** Audio the leg's detached sinks received, for its next sink: while parked, and once handed over. */
    private List<LateAudio> late;   // guarded by this

    LiveLeg(Context context, RecordingRegistry registry, LiveRecording recording, LegMeta meta, JournalFile journal) {
        this(context, registry, recording, meta.legId(), meta.startedAt(), meta.metadata().direction(), false,
                List.of());
        this.journal = journal;
        this.sink = new JournalSink(journal);
    }

    /**
     * A leg of the previous activation: parked (live, journal closed until resumed) or already ended.
     *
     * @param late audio its detached sinks received (and may still receive), oldest first
     */
    LiveLeg(Context context, RecordingRegistry registry, LiveRecording recording, UUID legId, Instant startedAt,
            LegDirection direction, boolean ended, List<LateAudio> late) {
        this.context = context;
        this.registry = registry;
        this.recording = recording;
        this.legId = legId;
        this.startedAt = startedAt;
        this.direction = direction;
        this.ended = ended;
        this.late = List.copyOf(late);
    }

    @Override
    public UUID recordingId() {
        return recording.id();
    }

    @Override
    public UUID legId() {
        return legId;
    }

    @Override
    public PcmSink sink() {
        return sink;
    }

    LegDirection direction() {
        return direction;
    }

    LiveRecording recording() {
        return recording;
    }

    synchronized boolean live() {
        return !ended;
    }

    /**
     * Gives the leg a new sink that goes on with its journal: after detaching the current sink (a media session of
     * this activation), or after reopening the journal the previous activation closed (its torn tail cut) and
     * writing into it what the old sinks received meanwhile. The new sink goes on writing what they receive until
     * they are closed.
     */
    synchronized LiveLeg resume(JournalStore journals) throws StorageUnavailableException {
        if (ended) {
            throw new StorageUnavailableException("leg " + legId + " of recording " + recording.id()
                    + " has ended (or storage is stopping): it cannot be resumed");
        }
        JournalSink previous = sink;
        if (previous != null) {
            try {
                // Normally already closed by its media session; if not, what it still receives is not lost.
                previous.detach(LateAudio.create(previous.timeline()));
            } catch (IOException e) {
                LOG.warn("The previous sink of leg {} could not flush into journal {}: {}", legId, journal.path(),
                        e.getMessage());
            }
            sink = JournalSink.continuing(journal, previous.timeline(), previous.end(), previous.lateAudio());
            LOG.info("Leg {} (recording {}) resumed with a new sink at position {} of its journal", legId,
                    recording.id(), previous.end());
            return this;
        }
        Path path = journals.folder(recording.id()).resolve(legId + JournalFormat.FILE_SUFFIX);
        JournalFile reopened = null;
        try {
            JournalScan scan = JournalScan.of(path);
            if (scan.meta() == null || !scan.meta().legId().equals(legId)) {
                throw new IOException("it has no metadata of leg " + legId);
            }
            if (scan.ended()) {
                throw new IOException("it has already an END record");
            }
            if (scan.tornBytes() > 0) {
                LOG.warn("Journal {} of leg {} ends with {} unreadable byte(s) ({}): cut before appending", path,
                        legId, scan.tornBytes(), scan.stopReason());
            }
            reopened = JournalFile.reopen(path, scan.goodBytes());
            JournalSink next = JournalSink.continuing(reopened, scan.begin(), scan.pcmEnd(), late);
            next.flush();   // what the old sinks received while storage restarted, before the caller's audio
            journal = reopened;
            sink = next;
            late = List.of();
            long lateMillis = next.timeline() == null ? 0 : next.lateWritten() * 1000 / next.timeline().sampleRate();
            LOG.info("Leg {} (recording {}) taken over from the previous activation: journal {} reopened at position "
                    + "{} ({} bytes), {} ms of audio received during the handover written", legId, recording.id(),
                    path, scan.pcmEnd(), scan.goodBytes(), lateMillis);
            return this;
        } catch (IOException | RuntimeException e) {
            closeQuietly(reopened);
            // Not a health problem of the node: one journal; the leg stays parked and is sealed after the window.
            LOG.warn("Leg {} (recording {}) cannot be taken over: journal {} cannot be reopened: {}", legId,
                    recording.id(), path, e.toString());
            throw new StorageUnavailableException("journal " + path + " of leg " + legId + " cannot be reopened: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Ends a parked leg that nobody resumed, without writing: it is sealed as after a crash from what its journal
     * holds; the audio its old sinks received meanwhile is dropped. @return true if so
     */
    synchronized boolean abandonIfParked() {
        if (ended || journal != null) {
            return false;
        }
        ended = true;
        late.forEach(LateAudio::discard);
        late = List.of();
        return true;
    }

    /** After a {@link #shutdown} for a handover: the audio the next activation writes first, oldest first. */
    synchronized List<LateAudio> lateAudio() {
        return late;
    }

    @Override
    public void mediaNegotiated(String codec, String remoteAddress) {
        try {
            context.dao().updateLegMedia(legId, codec, remoteAddress);
        } catch (SQLException e) {
            databaseFailed("codec and media address", e);
        }
    }

    @Override
    public void updateMetadata(LegMetadata metadata) {
        JournalFile file = journal;
        try {
            LegMeta meta = new LegMeta(recording.id(), legId, startedAt, context.nodeId(), metadata);
            file.append(RecordType.META, JournalPayloads.encodeMeta(meta));
        } catch (IOException e) {
            LOG.warn("New metadata of leg {} (recording {}) could not be written to its journal {}: {}", legId,
                    recording.id(), file.path(), e.getMessage());
            context.health().reportWriteFailure("journal " + file.path() + " cannot be written: " + e.getMessage());
        }
        try {
            context.dao().updateMetadata(recording.id(), metadata.far(), legId, metadata.parameters());
        } catch (SQLException e) {
            databaseFailed("new far party", e);
        }
    }

    @Override
    public void end(String reason, MediaStats stats) {
        JournalFile file;
        synchronized (this) {
            if (ended || journal == null) {
                return;
            }
            ended = true;
            file = journal;
        }
        Instant endedAt = context.clock().instant();
        MediaStats counters = stats == null ? MediaStats.EMPTY : stats;
        try {
            sink.close();
            file.append(RecordType.END, JournalPayloads.encodeEnd(new EndRecord(reason, endedAt, counters)));
            file.sync();
        } catch (IOException e) {
            LOG.warn("End of leg {} (recording {}) could not be written to its journal {}: {}; the recording is "
                    + "sealed from what the journal holds", legId, recording.id(), file.path(), e.getMessage());
        } finally {
            closeJournal(file);
        }
        try {
            context.dao().endLeg(legId, endedAt, reason, counters);
        } catch (SQLException e) {
            databaseFailed("end", e);
        }
        registry.legEnded(recording);
    }

    /**
     * Flushes and closes the journal without ending the leg: storage is stopping, recovery seals it later, or the next
     * activation takes it over ({@code handover}: the sink is detached, so a media session still writing to it is not
     * failed, and what it receives is kept for the next activation, see {@link #lateAudio}).
     */
    void shutdown(boolean handover) {
        JournalFile file;
        synchronized (this) {
            if (ended || journal == null) {
                if (!ended && !handover) {
                    late.forEach(LateAudio::discard);   // a parked leg left to recovery
                }
                ended = true;
                return;
            }
            ended = true;
            file = journal;
        }
        try {
            if (handover) {
                sink.detach(LateAudio.create(sink.timeline()));
                List<LateAudio> kept = sink.lateAudio();
                synchronized (this) {
                    late = kept;
                }
            } else {
                sink.close();
            }
            file.sync();
        } catch (IOException e) {
            LOG.warn("Journal {} of leg {} could not be flushed while stopping: {}", file.path(), legId,
                    e.getMessage());
        } finally {
            closeJournal(file);
        }
    }

    private void closeQuietly(JournalFile file) {
        if (file != null) {
            closeJournal(file);
        }
    }

    private void closeJournal(JournalFile file) {
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn("Journal {} of leg {} could not be closed: {}", file.path(), legId, e.getMessage());
        }
    }

    private void databaseFailed(String what, SQLException e) {
        LOG.error("The {} of leg {} (recording {}) could not be stored in the database: {}", what, legId,
                recording.id(), e.getMessage());
        context.health().reportDatabaseFailure("database write failed: " + e.getMessage());
    }
}
