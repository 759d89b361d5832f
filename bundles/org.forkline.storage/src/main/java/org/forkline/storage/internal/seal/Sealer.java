package org.forkline.storage.internal.seal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.forkline.api.LegDirection;
import org.forkline.api.RecordingEvents;
import org.forkline.api.RecordingState;
import org.forkline.storage.internal.MediaFiles;
import org.forkline.storage.internal.db.RecordingDao;
import org.forkline.storage.internal.db.SealingDao;
import org.forkline.storage.internal.db.SealingDao.EnsuredRows;
import org.forkline.storage.internal.db.RecordingRow;
import org.forkline.storage.internal.db.SealCommit;
import org.forkline.storage.internal.journal.JournalStore;
import org.forkline.storage.internal.opus.OpusSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished recording's leg journals into its stereo Ogg Opus file, streaming 20 ms at a time, and commits
 * the file's move into place together with the SEALED row in one transaction.
 */
public final class Sealer {

    private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);

    private final MediaFiles mediaFiles;
    private final JournalStore journals;
    private final RecordingDao dao;
    private final SealingDao sealingDao;
    private final String nodeId;
    private final Supplier<OpusSettings> opusSettings;
    private final BiConsumer<String, UUID> events;
    private final BooleanSupplier stopping;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public Sealer(Path dataDir, JournalStore journals, RecordingDao dao, SealingDao sealingDao, String nodeId,
            Supplier<OpusSettings> opusSettings, BiConsumer<String, UUID> events, BooleanSupplier stopping) {
        this.mediaFiles = new MediaFiles(dataDir);
        this.journals = journals;
        this.dao = dao;
        this.sealingDao = sealingDao;
        this.nodeId = nodeId;
        this.opusSettings = opusSettings;
        this.events = events;
        this.stopping = stopping;
    }

    /** Seals the recording; on failure marks it FAILED (journals kept) and posts the FAILED event. */
    public void sealOrMarkFailed(UUID recordingId) {
        try {
            seal(recordingId);
        } catch (CancellationException e) {
            LOG.info("Sealing of recording {} stopped because storage is stopping; it is sealed at the next start",
                    recordingId);
        } catch (Exception | LinkageError e) {
            LOG.error("Sealing recording {} failed: {}. Its journals are kept in {} and sealing is retried at the next "
                    + "start; check free space and the log above.", recordingId, e.getMessage(),
                    journals.folder(recordingId), e);
            try {
                dao.setState(recordingId, RecordingState.FAILED);
            } catch (SQLException stateFailure) {
                LOG.error("Recording {} could not be marked FAILED: {}", recordingId, stateFailure.getMessage());
            }
            events.accept(RecordingEvents.TOPIC_FAILED, recordingId);
        }
    }

    /** Seals the recording or throws; the journals are deleted only after the commit. */
    public SealReport seal(UUID recordingId) throws IOException, SQLException {
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        SealReport report;
        try (RecordingJournals legs = RecordingJournals.open(recordingId, journals.legFiles(recordingId))) {
            EnsuredRows rows = sealingDao.ensureRows(legs.rowIfMissing(recordingId, nodeId), legs.legRowsIfMissing());
            Path media = mediaFiles.fileFor(recordingId, legs.start());
            Path temp = media.resolveSibling(recordingId + ".opus.tmp");
            Files.createDirectories(media.getParent());
            AtomicBoolean moved = new AtomicBoolean();
            try {
                report = encode(recordingId, legs, rows.recording(), temp, wallStart, cpuStart);
                SealCommit commit = commit(recordingId, legs, rows, report, mediaFiles.stored(media));
                sealingDao.commitSeal(commit, () -> {
                    Files.move(temp, media, StandardCopyOption.ATOMIC_MOVE);
                    moved.set(true);
                });
            } catch (IOException | SQLException | RuntimeException e) {
                Files.deleteIfExists(temp);
                if (moved.get()) {
                    Files.deleteIfExists(media);
                }
                throw e;
            }
        }
        try {
            journals.delete(recordingId);
        } catch (IOException e) {
            LOG.warn("Recording {} is sealed but its journal folder {} could not be deleted ({}); it is removed at the "
                    + "next start", recordingId, journals.folder(recordingId), e.getMessage());
        }
        events.accept(RecordingEvents.TOPIC_SEALED, recordingId);
        LOG.info("Sealed recording {}: {} ms of audio at {} Hz, {} bytes, encoded in {} ms ({} ms CPU)", recordingId,
                report.durationMillis(), report.sampleRate(), report.sizeBytes(), report.wallNanos() / 1_000_000,
                report.cpuNanos() / 1_000_000);
        return report;
    }

    private SealReport encode(UUID id, RecordingJournals legs, RecordingRow row, Path temp, long wallStart,
            long cpuStart) throws IOException {
        int rate = legs.sampleRate();
        StereoEncoding.Result encoded = StereoEncoding.encode(id, rate, legs.channel(LegDirection.NEAR),
                legs.channel(LegDirection.FAR), opusSettings.get(), tags(id, row, legs), temp, stopping);
        return new SealReport(id, rate, encoded.durationSamples(), encoded.size(), encoded.sha256(), encoded.frames(),
                encoded.leftFramesEncoded(), encoded.rightFramesEncoded(), System.nanoTime() - wallStart,
                threads.getCurrentThreadCpuTime() - cpuStart);
    }

    private SealCommit commit(UUID id, RecordingJournals legs, EnsuredRows rows, SealReport report, String mediaPath)
            throws IOException {
        boolean anyLegOpen = false;
        List<SealCommit.LegClose> closes = new ArrayList<>();
        for (JournalPcmSource leg : legs.legs()) {
            String codec = leg.begin() == null ? null : leg.begin().codec();
            if (leg.stopReason() != null) {
                LOG.info("Journal {} ends early ({}); everything before it is in recording {}", leg.path(),
                        leg.stopReason(), id);
            }
            if (leg.endRecord() != null) {
                closes.add(new SealCommit.LegClose(leg.meta().legId(), leg.endRecord().endedAt(),
                        leg.endRecord().reason(), leg.endRecord().stats(), codec));
            } else {
                anyLegOpen = true;
                closes.add(new SealCommit.LegClose(leg.meta().legId(), RecordingJournals.legEnd(leg), "RECOVERED",
                        null, codec));
            }
        }
        long durationMillis = report.durationSamples() * 1000 / report.sampleRate();
        return new SealCommit(id, legs.start(), legs.start().plusMillis(durationMillis), durationMillis,
                report.sizeBytes(), report.sha256(), mediaPath, legs.codecs(),
                report.sampleRate(), legs.orphan(), rows.rebuilt() || anyLegOpen,
                rows.rebuilt() ? legs.legs().get(legs.legs().size() - 1).latestMeta().metadata().far() : null, closes);
    }

    private List<String> tags(UUID id, RecordingRow row, RecordingJournals legs) {
        List<String> tags = new ArrayList<>();
        tags.add("FORKLINE_RECORDING_ID=" + id);
        tags.add("FORKLINE_NODE_ID=" + nodeId);
        tags.add("DATE=" + legs.start());
        if (row.near().number() != null) {
            tags.add("NEAR_NUMBER=" + row.near().number());
        }
        if (row.far().number() != null) {
            tags.add("FAR_NUMBER=" + row.far().number());
        }
        return tags;
    }
}
