package org.forkline.storage.internal.seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.forkline.api.LegDirection;
import org.forkline.api.Party;
import org.forkline.api.RecordingEvents;
import org.forkline.api.RecordingState;
import org.forkline.storage.internal.MediaFiles;
import org.forkline.storage.internal.db.LegRow;
import org.forkline.storage.internal.db.MergeDao;
import org.forkline.storage.internal.db.MergeDao.Orphan;
import org.forkline.storage.internal.db.RecordingRow;
import org.forkline.storage.internal.opus.OpusSettings;
import org.forkline.storage.internal.opus.StereoOpusDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the two orphans of one call whose near and far legs were recorded on different nodes into one stereo
 * recording. Only the node that recorded the near orphan merges, so exactly one node does it; the merged id derives
 * from the orphans' ids, so that a repeated merge is a no-op.
 */
public final class SplitLegMerger {

    private static final Logger LOG = LoggerFactory.getLogger(SplitLegMerger.class);

    private final MediaFiles mediaFiles;
    private final MergeDao dao;
    private final String nodeId;
    private final Supplier<OpusSettings> opusSettings;
    private final BiConsumer<String, UUID> events;
    private final BooleanSupplier stopping;

    public SplitLegMerger(Path dataDir, MergeDao dao, String nodeId, Supplier<OpusSettings> opusSettings,
            BiConsumer<String, UUID> events, BooleanSupplier stopping) {
        this.mediaFiles = new MediaFiles(dataDir);
        this.dao = dao;
        this.nodeId = nodeId;
        this.opusSettings = opusSettings;
        this.events = events;
        this.stopping = stopping;
    }

    /** Merges the orphan {@code recordingId} with its partner when both are here and this node must merge. */
    public void checkOrLog(UUID recordingId) {
        try {
            check(recordingId);
        } catch (CancellationException e) {
            LOG.info("Merging the split legs of recording {} stopped because storage is stopping; it is retried at the "
                    + "next start", recordingId);
        } catch (Exception | LinkageError e) {
            LOG.error("Merging the split legs of recording {} failed: {}. Both orphans are kept; the merge is retried "
                    + "at the next start.", recordingId, e.getMessage(), e);
        }
    }

    /** Looks for pairs missed while this node was down. */
    public void scanOrLog() {
        try {
            for (UUID id : dao.localOrphansWithRemotePartner(nodeId)) {
                checkOrLog(id);
            }
        } catch (SQLException e) {
            LOG.error("Looking for split legs to merge failed: {}; they are looked for again at the next start",
                    e.getMessage());
        }
    }

    /** Returns the merged recording's id when this call merged, empty when there was nothing to do. */
    public synchronized Optional<UUID> check(UUID recordingId) throws IOException, SQLException {
        Optional<RecordingRow> row = dao.find(recordingId);
        if (row.isEmpty() || !row.get().orphan() || row.get().state() != RecordingState.SEALED
                || row.get().refci() == null || row.get().refci().isEmpty()) {
            return Optional.empty();
        }
        List<Orphan> orphans = dao.sealedOrphans(row.get().pairKey());
        Optional<Orphan> near = orphans.stream()
                .filter(o -> nodeId.equals(o.row().nodeId()) && side(o) == LegDirection.NEAR).findFirst();
        Optional<Orphan> far = orphans.stream()
                .filter(o -> !nodeId.equals(o.row().nodeId()) && side(o) == LegDirection.FAR).findFirst();
        if (near.isEmpty() || far.isEmpty()) {
            return Optional.empty();
        }
        return merge(near.get(), far.get());
    }

    private Optional<UUID> merge(Orphan near, Orphan far) throws IOException, SQLException {
        RecordingRow n = near.row();
        RecordingRow f = far.row();
        UUID id = UUID.nameUUIDFromBytes(("forkline-split-leg-merge|" + n.clusterId() + "|" + n.refci() + "|" + n.id()
                + "|" + f.id()).getBytes(StandardCharsets.UTF_8));
        if (dao.known(id)) {
            return Optional.empty();
        }
        Instant start = n.startedAt().isBefore(f.startedAt()) ? n.startedAt() : f.startedAt();
        Path media = mediaFiles.fileFor(id, start);
        Path temp = media.resolveSibling(id + ".opus.tmp");
        Files.createDirectories(media.getParent());
        AtomicBoolean moved = new AtomicBoolean();
        boolean committed;
        try {
            Encoded encoded = encode(id, near, far, start, temp);
            RecordingRow merged = new RecordingRow(id, n.pairKey(), n.clusterId(), n.refci(), RecordingState.SEALED,
                    start, start.plusMillis(encoded.durationMillis()), encoded.durationMillis(),
                    party(n.near(), f.near()), party(f.far(), n.far()), codecs(n, f), encoded.sampleRate(), nodeId,
                    n.recovered() || f.recovered(), false, encoded.sizeBytes(), encoded.sha256(),
                    mediaFiles.stored(media));
            List<LegRow> legs = Stream.concat(near.legs().stream(), far.legs().stream())
                    .map(leg -> copy(leg, id)).toList();
            committed = dao.commitMerge(merged, legs, n.id(), f.id(), () -> {
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
        if (!committed) {
            Files.deleteIfExists(temp);
            return Optional.empty();
        }
        deleteFile(n);
        deleteFile(f);
        events.accept(RecordingEvents.TOPIC_SEALED, id);
        LOG.info("Merged the split legs of call refci {} (cluster {}): near orphan {} from {} and far orphan {} from {} "
                + "are now recording {}", n.refci(), n.clusterId(), n.id(), n.nodeId(), f.id(), f.nodeId(), id);
        return Optional.of(id);
    }

    private record Encoded(int sampleRate, long durationMillis, long sizeBytes, String sha256) {
    }

    private Encoded encode(UUID id, Orphan near, Orphan far, Instant start, Path temp) throws IOException {
        try (StereoOpusDecoder nearFile = StereoOpusDecoder.open(file(near.row()));
                StereoOpusDecoder farFile = StereoOpusDecoder.open(file(far.row()))) {
            int rate = Math.max(nearFile.sampleRate(), farFile.sampleRate());
            StereoEncoding.Result encoded = StereoEncoding.encode(id, rate,
                    channel(nearFile, 0, near.row().startedAt(), start, rate),
                    channel(farFile, 1, far.row().startedAt(), start, rate), opusSettings.get(),
                    tags(id, near, far, start), temp, stopping);
            return new Encoded(rate, encoded.durationSamples() * 1000 / rate, encoded.size(), encoded.sha256());
        }
    }

    /** The channel of an orphan's file at the merged rate, shifted by its start's distance from the merged start. */
    private static PcmSource channel(StereoOpusDecoder file, int side, Instant orphanStart, Instant start, int rate)
            throws IOException {
        long leadMillis = orphanStart.toEpochMilli() - start.toEpochMilli();
        DecodedChannel decoded = new DecodedChannel(file, side, leadMillis * file.sampleRate() / 1000);
        if (file.sampleRate() == rate) {
            return decoded;
        }
        if (file.sampleRate() * 2 == rate) {
            return new DoublingResampler(decoded);
        }
        throw new IOException("a " + file.sampleRate() + " Hz orphan cannot be merged with a " + rate + " Hz one");
    }

    private Path file(RecordingRow row) throws IOException {
        return mediaFiles.resolve(row.id(), row.mediaPath()).filter(Files::isRegularFile).orElseThrow(
                () -> new IOException("the file " + row.mediaPath() + " of orphan " + row.id() + " is missing"));
    }

    private List<String> tags(UUID id, Orphan near, Orphan far, Instant start) {
        List<String> tags = new ArrayList<>();
        tags.add("FORKLINE_RECORDING_ID=" + id);
        tags.add("FORKLINE_NODE_ID=" + nodeId);
        tags.add("FORKLINE_MERGED_FROM=" + near.row().id() + "," + far.row().id());
        tags.add("DATE=" + start);
        Party nearParty = party(near.row().near(), far.row().near());
        Party farParty = party(far.row().far(), near.row().far());
        if (nearParty.number() != null) {
            tags.add("NEAR_NUMBER=" + nearParty.number());
        }
        if (farParty.number() != null) {
            tags.add("FAR_NUMBER=" + farParty.number());
        }
        return tags;
    }

    private void deleteFile(RecordingRow orphan) {
        try {
            Files.deleteIfExists(file(orphan));
        } catch (IOException e) {
            LOG.warn("Orphan {} was merged but its file could not be removed ({}); remove it by hand", orphan.id(),
                    e.getMessage());
        }
    }

    private static LegDirection side(Orphan orphan) {
        List<LegDirection> sides = orphan.legs().stream().map(LegRow::direction).distinct().toList();
        return sides.size() == 1 ? sides.get(0) : null;
    }

    /** The side's own leg knows its party best; the other leg's view fills what it lacks. */
    private static Party party(Party own, Party other) {
        return own.number() != null ? own : other;
    }

    private static String codecs(RecordingRow near, RecordingRow far) {
        String codecs = Stream.of(near.codec(), far.codec()).filter(Objects::nonNull)
                .flatMap(c -> Stream.of(c.split("/"))).distinct().collect(Collectors.joining("/"));
        return codecs.isEmpty() ? null : codecs;
    }

    /** A leg of an orphan moved to the merged recording, under an id derived from both. */
    private static LegRow copy(LegRow leg, UUID mergedId) {
        UUID legId = UUID.nameUUIDFromBytes((mergedId + "|" + leg.id()).getBytes(StandardCharsets.UTF_8));
        return new LegRow(legId, mergedId, leg.direction(), leg.sipCallId(), leg.startedAt(), leg.endedAt(),
                leg.codec(), leg.remoteAddress(), leg.endReason(), leg.stats(), leg.parameters());
    }
}
