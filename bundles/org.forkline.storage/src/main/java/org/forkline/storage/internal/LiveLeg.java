package org.forkline.storage.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.PcmSink;
import org.forkline.storage.internal.db.RecordingDao;
import org.forkline.storage.internal.journal.EndRecord;
import org.forkline.storage.internal.journal.JournalFile;
import org.forkline.storage.internal.journal.JournalPayloads;
import org.forkline.storage.internal.journal.JournalSink;
import org.forkline.storage.internal.journal.LegMeta;
import org.forkline.storage.internal.journal.RecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One admitted leg: its journal, its PCM sink and its row; ending it may complete its recording. */
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
    private final JournalFile journal;
    private final JournalSink sink;
    private final AtomicBoolean ended = new AtomicBoolean();

    LiveLeg(Context context, RecordingRegistry registry, LiveRecording recording, LegMeta meta, JournalFile journal) {
        this.context = context;
        this.registry = registry;
        this.recording = recording;
        this.legId = meta.legId();
        this.startedAt = meta.startedAt();
        this.direction = meta.metadata().direction();
        this.journal = journal;
        this.sink = new JournalSink(journal);
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

    boolean live() {
        return !ended.get();
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
        try {
            LegMeta meta = new LegMeta(recording.id(), legId, startedAt, context.nodeId(), metadata);
            journal.append(RecordType.META, JournalPayloads.encodeMeta(meta));
        } catch (IOException e) {
            LOG.warn("New metadata of leg {} (recording {}) could not be written to its journal {}: {}", legId,
                    recording.id(), journal.path(), e.getMessage());
            context.health().reportWriteFailure("journal " + journal.path() + " cannot be written: " + e.getMessage());
        }
        try {
            context.dao().updateMetadata(recording.id(), metadata.far(), legId, metadata.parameters());
        } catch (SQLException e) {
            databaseFailed("new far party", e);
        }
    }

    @Override
    public void end(String reason, MediaStats stats) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Instant endedAt = context.clock().instant();
        MediaStats counters = stats == null ? MediaStats.EMPTY : stats;
        try {
            sink.close();
            journal.append(RecordType.END, JournalPayloads.encodeEnd(new EndRecord(reason, endedAt, counters)));
            journal.sync();
        } catch (IOException e) {
            LOG.warn("End of leg {} (recording {}) could not be written to its journal {}: {}; the recording is "
                    + "sealed from what the journal holds", legId, recording.id(), journal.path(), e.getMessage());
        } finally {
            closeJournal();
        }
        try {
            context.dao().endLeg(legId, endedAt, reason, counters);
        } catch (SQLException e) {
            databaseFailed("end", e);
        }
        registry.legEnded(recording);
    }

    /** Flushes and closes the journal without ending the leg: storage is stopping, recovery seals it later. */
    void shutdown() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            sink.close();
            journal.sync();
        } catch (IOException e) {
            LOG.warn("Journal {} of leg {} could not be flushed while stopping: {}", journal.path(), legId,
                    e.getMessage());
        } finally {
            closeJournal();
        }
    }

    private void closeJournal() {
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("Journal {} of leg {} could not be closed: {}", journal.path(), legId, e.getMessage());
        }
    }

    private void databaseFailed(String what, SQLException e) {
        LOG.error("The {} of leg {} (recording {}) could not be stored in the database: {}", what, legId,
                recording.id(), e.getMessage());
        context.health().reportDatabaseFailure("database write failed: " + e.getMessage());
    }
}
