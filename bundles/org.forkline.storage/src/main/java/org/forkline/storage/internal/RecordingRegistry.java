package org.forkline.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.forkline.api.LegMetadata;
import org.forkline.api.RecordingEvents;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.RecordingService;
import org.forkline.api.storage.StorageUnavailableException;
import org.forkline.storage.internal.db.LegRow;
import org.forkline.storage.internal.db.RecordingRow;
import org.forkline.storage.internal.journal.JournalFile;
import org.forkline.storage.internal.journal.JournalStore;
import org.forkline.storage.internal.journal.LegMeta;
import org.forkline.storage.internal.seal.SealingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairs legs into recordings (same pair key, one leg per side) and drives each recording from its first leg to the
 * sealing queue: when every leg has ended and either both sides were seen or the pairing wait is over.
 */
final class RecordingRegistry implements RecordingService {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingRegistry.class);

    private final Object lock = new Object();
    private final Map<String, List<LiveRecording>> byPairKey = new HashMap<>();
    private final Map<UUID, LiveLeg> legsById = new HashMap<>();
    // Written under the lock, read without it: StorageStatus.health() sits on the OPTIONS and INVITE path.
    private final AtomicInteger activeRecordings = new AtomicInteger();
    private final JournalStore journals;
    private final SealingQueue sealing;
    private final ScheduledExecutorService timer;
    private final BiConsumer<String, UUID> events;
    private final LiveLeg.Context context;
    private volatile Duration pairingWait;
    private boolean closed;

    RecordingRegistry(LiveLeg.Context context, JournalStore journals, SealingQueue sealing,
            ScheduledExecutorService timer, BiConsumer<String, UUID> events, Duration pairingWait) {
        this.context = context;
        this.journals = journals;
        this.sealing = sealing;
        this.timer = timer;
        this.events = events;
        this.pairingWait = pairingWait;
    }

    @Override
    public LegHandle openLeg(LegMetadata metadata) throws StorageUnavailableException {
        Objects.requireNonNull(metadata, "metadata");
        HealthMonitor health = context.health();
        if (!health.healthy()) {
            throw new StorageUnavailableException("storage cannot take recordings: " + health.problem());
        }
        String pairKey = metadata.pairKey();
        Instant now = context.clock().instant();
        LiveRecording recording;
        LiveLeg leg;
        boolean created;
        synchronized (lock) {
            if (closed) {
                throw new StorageUnavailableException("storage is stopping");
            }
            recording = joinable(pairKey, metadata, now);
            created = recording == null;
            UUID recordingId = created ? UUID.randomUUID() : recording.id();
            LegMeta meta = new LegMeta(recordingId, UUID.randomUUID(), now, context.nodeId(), metadata);
            JournalFile journal = createJournal(meta);
            try {
                LegRow legRow = LegRow.started(meta.legId(), recordingId, metadata.direction(), metadata.sipCallId(),
                        now, metadata.parameters());
                if (created) {
                    context.dao().insertRecording(RecordingRow.active(recordingId, pairKey, metadata.clusterId(),
                            metadata.refci(), now, metadata.near(), metadata.far(), context.nodeId()), legRow);
                } else {
                    context.dao().insertLeg(legRow);
                    context.dao().completeParties(recordingId, metadata.near(), metadata.far());
                }
            } catch (SQLException e) {
                discard(journal, created, recordingId);
                health.reportDatabaseFailure("database refused a new leg: " + e.getMessage());
                throw new StorageUnavailableException("the storage database refused the new leg: " + e.getMessage(), e);
            }
            if (created) {
                recording = new LiveRecording(recordingId, pairKey, now);
                byPairKey.computeIfAbsent(pairKey, key -> new ArrayList<>()).add(recording);
            }
            leg = new LiveLeg(context, this, recording, meta, journal);
            recording.add(leg);
            legsById.put(leg.legId(), leg);
            if (!recording.counted()) {
                recording.setCounted(true);
                activeRecordings.incrementAndGet();
            }
        }
        if (created) {
            events.accept(RecordingEvents.TOPIC_STARTED, recording.id());
        }
        LOG.debug("Leg {} ({}, Call-ID {}) {} recording {}", leg.legId(), metadata.direction(), metadata.sipCallId(),
                created ? "starts" : "joins", recording.id());
        return leg;
    }

    @Override
    public LegHandle resumeLeg(UUID legId) throws StorageUnavailableException {
        Objects.requireNonNull(legId, "legId");
        LiveLeg leg;
        synchronized (lock) {
            if (closed) {
                throw new StorageUnavailableException("storage is stopping: leg " + legId + " cannot be resumed");
            }
            leg = legsById.get(legId);
        }
        if (leg == null) {
            throw new StorageUnavailableException("leg " + legId + " is unknown to this storage: it was never opened "
                    + "here, its recording was already sealed, or it was not handed over by the previous activation");
        }
        return leg.resume(journals);
    }

    @Override
    public boolean isActive(String pairKey) {
        synchronized (lock) {
            return byPairKey.getOrDefault(pairKey, List.of()).stream().anyMatch(LiveRecording::anyLegLive);
        }
    }

    /** Recordings with at least one leg still capturing. */
    int activeRecordings() {
        return activeRecordings.get();
    }

    void setPairingWait(Duration wait) {
        pairingWait = wait;
    }

    /** Called by a leg after it ended: the recording may now be ready for sealing. */
    void legEnded(LiveRecording recording) {
        legEnded(recording, false);
    }

    /** @param recovered true: sealed at once when no leg is live, as recovery would, without waiting for a partner */
    private void legEnded(LiveRecording recording, boolean recovered) {
        Duration wait = pairingWait;
        long delayMillis;
        synchronized (lock) {
            if (closed || recording.queued() || recording.anyLegLive()) {
                return;
            }
            if (recording.counted()) {
                recording.setCounted(false);
                activeRecordings.decrementAndGet();
            }
            Instant deadline = recording.startedAt().plus(wait);
            Instant now = context.clock().instant();
            if (recording.bothSides() || recovered || !now.isBefore(deadline)) {
                recording.markQueued();
                List<LiveRecording> sameKey = byPairKey.get(recording.pairKey());
                sameKey.remove(recording);
                if (sameKey.isEmpty()) {
                    byPairKey.remove(recording.pairKey());
                }
                recording.legs().forEach(leg -> legsById.remove(leg.legId(), leg));
                delayMillis = -1;
            } else {
                delayMillis = Duration.between(now, deadline).toMillis() + 1;
            }
        }
        if (delayMillis >= 0) {
            scheduleCheck(recording, delayMillis);
            return;
        }
        try {
            context.dao().setState(recording.id(), RecordingState.SEALING);
        } catch (SQLException e) {
            LOG.error("Recording {} could not be marked SEALING: {}", recording.id(), e.getMessage());
            context.health().reportDatabaseFailure("database write failed: " + e.getMessage());
        }
        sealing.submit(recording.id());
    }

    /**
     * Stops admitting legs and flushes and closes every open journal; recovery seals them at the next start, unless
     * {@code handover}: then the sinks are detached and the next activation takes the live legs over.
     *
     * @return the legs that were live
     */
    List<LiveLeg> close(boolean handover) {
        List<LiveLeg> open = new ArrayList<>();
        List<LiveLeg> live = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            byPairKey.values().forEach(recordings -> recordings.forEach(r -> open.addAll(r.legs())));
            byPairKey.clear();
            legsById.clear();
            activeRecordings.set(0);
        }
        for (LiveLeg leg : open) {
            if (leg.live()) {
                live.add(leg);
            }
            leg.shutdown(handover);
        }
        return live;
    }

    /** Registers a recording of the previous activation, rebuilt with its parked and ended legs. */
    void adopt(LiveRecording recording) {
        synchronized (lock) {
            byPairKey.computeIfAbsent(recording.pairKey(), key -> new ArrayList<>()).add(recording);
            recording.legs().forEach(leg -> legsById.put(leg.legId(), leg));
            recording.setCounted(true);
            activeRecordings.incrementAndGet();
        }
    }

    /** Ends the handed-over legs nobody resumed within the handover window; their recordings are sealed. */
    void expireParked() {
        List<LiveRecording> abandoned = new ArrayList<>();
        List<UUID> legs = new ArrayList<>();
        synchronized (lock) {
            for (LiveLeg leg : legsById.values()) {
                if (leg.abandonIfParked()) {
                    legs.add(leg.legId());
                    if (!abandoned.contains(leg.recording())) {
                        abandoned.add(leg.recording());
                    }
                }
            }
        }
        if (abandoned.isEmpty()) {
            return;
        }
        LOG.warn("Handover: {} leg(s) {} handed over by the previous activation were not resumed in time; recording(s) "
                + "{} are sealed from their journals as after a crash", legs.size(), legs,
                abandoned.stream().map(LiveRecording::id).toList());
        abandoned.forEach(recording -> legEnded(recording, true));
    }

    private LiveRecording joinable(String pairKey, LegMetadata metadata, Instant now) {
        for (LiveRecording candidate : byPairKey.getOrDefault(pairKey, List.of())) {
            boolean waitOver = !now.isBefore(candidate.startedAt().plus(pairingWait));
            if (!candidate.queued() && !candidate.hasSide(metadata.direction())
                    && (candidate.anyLegLive() || !waitOver)) {
                return candidate;
            }
        }
        return null;
    }

    private JournalFile createJournal(LegMeta meta) throws StorageUnavailableException {
        try {
            return journals.create(meta);
        } catch (IOException e) {
            String problem = "journal folder " + journals.folder(meta.recordingId()) + " cannot be written: " + e;
            context.health().reportWriteFailure(problem);
            throw new StorageUnavailableException(problem, e);
        }
    }

    private void discard(JournalFile journal, boolean recordingCreated, UUID recordingId) {
        try {
            journal.close();
            Files.deleteIfExists(journal.path());
            if (recordingCreated) {
                journals.delete(recordingId);
            }
        } catch (IOException e) {
            LOG.warn("Journal {} of a refused leg could not be removed: {}", journal.path(), e.getMessage());
        }
    }

    private void scheduleCheck(LiveRecording recording, long delayMillis) {
        try {
            timer.schedule(() -> legEnded(recording), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // Storage is stopping: the recording stays ACTIVE in the database and recovery seals it.
        }
    }
}
