package org.forkline.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.forkline.api.RecordingState;
import org.forkline.api.replication.Change;
import org.forkline.api.replication.ChangeKind;
import org.forkline.api.replication.ReplicaMedia;
import org.forkline.api.replication.ReplicaStore;
import org.forkline.api.storage.RecordingDeletion;
import org.forkline.storage.internal.db.ChangeLog;
import org.forkline.storage.internal.db.ChangePayloads;
import org.forkline.storage.internal.db.ChangePayloads.SealedRecording;
import org.forkline.storage.internal.db.ConnectionPool;
import org.forkline.storage.internal.db.RecordingRow;
import org.forkline.storage.internal.db.ReplicaRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage side of replication: serves the change log and the files of sealed recordings, applies peers' changes
 * (a received file is verified, moved into place and committed with its row and change), and deletes recordings
 * leaving a tombstone.
 */
final class Replicas implements ReplicaStore, RecordingDeletion {

    private static final Logger LOG = LoggerFactory.getLogger(Replicas.class);

    private final Path dataDir;
    private final MediaFiles mediaFiles;
    private final ConnectionPool pool;
    private final ChangeLog log;
    private final UserDirectory users;
    private final Clock clock;
    private final Consumer<UUID> orphanArrived;

    Replicas(Path dataDir, ConnectionPool pool, ChangeLog log, UserDirectory users, Clock clock,
            Consumer<UUID> orphanArrived) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.mediaFiles = new MediaFiles(this.dataDir);
        this.pool = pool;
        this.log = log;
        this.users = users;
        this.clock = clock;
        this.orphanArrived = orphanArrived;
    }

    @Override
    public String localNodeId() {
        return log.localNodeId();
    }

    @Override
    public Map<String, Long> watermarks() {
        return log.heads();
    }

    @Override
    public List<Change> changesAfter(Map<String, Long> watermarks, int limit) {
        try {
            return log.after(watermarks, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("the change log cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ReplicaMedia> media(UUID recordingId) {
        try {
            Optional<RecordingRow> row = pool.call(c -> ReplicaRows.find(c, recordingId));
            if (row.isEmpty() || row.get().state() != RecordingState.SEALED || row.get().mediaPath() == null) {
                return Optional.empty();
            }
            Optional<Path> file = mediaFiles.resolve(recordingId, row.get().mediaPath()).filter(Files::isRegularFile);
            return file.map(f -> new ReplicaMedia(f, row.get().sizeBytes(), row.get().sha256().trim()));
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + recordingId + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean needsMedia(Change change) {
        if (change.kind() != ChangeKind.RECORDING_SEALED
                || change.sequence() <= log.heads().getOrDefault(change.origin(), 0L)) {
            return false;
        }
        try {
            UUID id = UUID.fromString(change.key());
            return pool.call(c -> !log.exists(c, change.key(), ChangeKind.RECORDING_DELETED)
                    && ReplicaRows.find(c, id).isEmpty());
        } catch (SQLException e) {
            throw new IllegalStateException("the change log cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Path stagingFolder() {
        return dataDir.resolve("replication").resolve("staging");
    }

    @Override
    public ApplyResult apply(Change change, Path stagedMedia) throws IOException {
        try {
            return switch (change.kind()) {
                case RECORDING_SEALED -> applySealed(change, stagedMedia);
                case RECORDING_DELETED -> applyDeleted(change);
                case USER_SAVED, USER_REMOVED -> users.applyRemote(change);
            };
        } catch (SQLException e) {
            throw new IOException("change " + change.origin() + ":" + change.sequence() + " could not be committed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(UUID recordingId) {
        Optional<RecordingRow> deleted;
        try {
            deleted = log.local(c -> {
                Optional<RecordingRow> row = ReplicaRows.find(c, recordingId);
                if (row.isEmpty()) {
                    return row;
                }
                if (row.get().state() != RecordingState.SEALED) {
                    throw new IllegalStateException("recording " + recordingId + " is " + row.get().state()
                            + "; only sealed recordings can be deleted");
                }
                ReplicaRows.delete(c, recordingId);
                log.appendLocal(c, ChangeKind.RECORDING_DELETED, recordingId.toString(), clock.instant(), "");
                return row;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + recordingId + " could not be deleted: " + e.getMessage(), e);
        }
        deleted.ifPresent(row -> deleteFile(row));
        if (deleted.isPresent()) {
            LOG.info("Deleted recording {}", recordingId);
        }
        return deleted.isPresent();
    }

    private ApplyResult applySealed(Change change, Path staged) throws SQLException, IOException {
        SealedRecording sealed = ChangePayloads.recording(change.payload());
        RecordingRow row = sealed.recording();
        Path media = mediaFiles.fileFor(row.id(), row.startedAt());
        if (staged != null) {
            verify(staged, row);
        }
        SealedRecording placed = new SealedRecording(new RecordingRow(row.id(), row.pairKey(), row.clusterId(),
                row.refci(), RecordingState.SEALED, row.startedAt(), row.endedAt(), row.durationMillis(), row.near(),
                row.far(), row.codec(), row.sampleRate(), row.nodeId(), row.recovered(), row.orphan(),
                row.sizeBytes(), row.sha256(), mediaFiles.stored(media)),
                sealed.legs());
        AtomicBoolean moved = new AtomicBoolean();
        try {
            return log.applyRemote(change, c -> {
                if (log.exists(c, change.key(), ChangeKind.RECORDING_DELETED)
                        || ReplicaRows.find(c, row.id()).isPresent()) {
                    return null;
                }
                if (staged == null) {
                    LOG.info("Recording {} from {} was deleted before it reached this node; its tombstone follows",
                            row.id(), change.origin());
                    return null;
                }
                ReplicaRows.insertSealed(c, placed, clock.millis());
                Files.createDirectories(media.getParent());
                Files.move(staged, media, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                moved.set(true);
                // A peer's orphan may be the other half of a call whose first half this node recorded.
                return row.orphan() ? () -> orphanArrived.accept(row.id()) : null;
            });
        } catch (SQLException | IOException | RuntimeException e) {
            if (moved.get()) {
                Files.deleteIfExists(media);
            }
            throw e;
        }
    }

    private ApplyResult applyDeleted(Change change) throws SQLException, IOException {
        UUID id = UUID.fromString(change.key());
        return log.applyRemote(change, c -> {
            Optional<RecordingRow> row = ReplicaRows.find(c, id);
            if (row.isEmpty() || row.get().state() != RecordingState.SEALED) {
                return null;
            }
            ReplicaRows.delete(c, id);
            return () -> {
                deleteFile(row.get());
                LOG.info("Deleted recording {} (deleted on {})", id, change.origin());
            };
        });
    }

    private static void verify(Path staged, RecordingRow row) throws IOException {
        long size = Files.size(staged);
        if (size != row.sizeBytes()) {
            throw new IOException("the received file of recording " + row.id() + " has " + size + " bytes, expected "
                    + row.sizeBytes());
        }
        String sha256 = sha256(staged);
        if (row.sha256() == null || !sha256.equalsIgnoreCase(row.sha256().trim())) {
            throw new IOException("the received file of recording " + row.id() + " has SHA-256 " + sha256
                    + ", expected " + row.sha256());
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void deleteFile(RecordingRow row) {
        Optional<Path> file = mediaFiles.resolve(row.id(), row.mediaPath());
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(file.get());
        } catch (IOException e) {
            LOG.warn("Recording {} is deleted but its file {} could not be removed ({}); remove it by hand", row.id(),
                    file.get(), e.getMessage());
        }
    }
}
