package org.forkline.storage.internal.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.forkline.api.replication.ChangeKind;

/** The database side of sealing: rows rebuilt from journals when missing, and the one-step seal transaction. */
public final class SealingDao {

    /** A file-system step run inside the seal transaction, between the row update and the commit. */
    @FunctionalInterface
    public interface IoStep {
        void run() throws IOException;
    }

    /** The recording row after {@link #ensureRows}, and whether it had to be rebuilt from the journals. */
    public record EnsuredRows(RecordingRow recording, boolean rebuilt) {
    }

    private final ConnectionPool pool;
    private final Clock clock;
    private final ChangeLog changeLog;

    public SealingDao(ConnectionPool pool, Clock clock, ChangeLog changeLog) {
        this.pool = pool;
        this.clock = clock;
        this.changeLog = changeLog;
    }

    /**
     * Makes sure the recording and its legs have rows, inserting the given ones where missing (a crash before the
     * rows were written); returns the recording's row as stored.
     */
    public EnsuredRows ensureRows(RecordingRow recordingIfMissing, List<LegRow> legsIfMissing) throws SQLException {
        return pool.inTransaction(c -> {
            Optional<RecordingRow> existing = RowWriter.findRecording(c, recordingIfMissing.id());
            if (existing.isEmpty()) {
                RowWriter.insertRecording(c, recordingIfMissing, clock.millis());
            }
            for (LegRow leg : legsIfMissing) {
                if (!RowWriter.exists(c, "SELECT 1 FROM recording_leg WHERE id = ?", leg.id())) {
                    RowWriter.insertLeg(c, leg);
                }
            }
            return new EnsuredRows(existing.orElse(recordingIfMissing), existing.isEmpty());
        });
    }

    /**
     * The seal transaction: updates the recording (SEALED and its file's facts) and its legs, appends the
     * RECORDING_SEALED change that replicates it, runs {@code moveIntoPlace} and commits; when anything fails the
     * transaction is rolled back and the exception thrown.
     */
    public void commitSeal(SealCommit seal, IoStep moveIntoPlace) throws SQLException, IOException {
        changeLog.localWithFiles(c -> {
            sealRecording(c, seal);
            for (SealCommit.LegClose leg : seal.legs()) {
                closeLeg(c, leg);
            }
            RecordingRow row = RowWriter.findRecording(c, seal.recordingId()).orElseThrow();
            changeLog.appendLocal(c, ChangeKind.RECORDING_SEALED, seal.recordingId().toString(),
                    Instant.ofEpochMilli(clock.millis()), ChangePayloads.recording(row,
                            RowWriter.legs(c, seal.recordingId())));
            moveIntoPlace.run();
            return null;
        });
    }

    private void sealRecording(Connection c, SealCommit seal) throws SQLException {
        String farColumns = seal.far() == null ? "" : ", far_number = ?, far_device = ?, far_name = ?";
        try (PreparedStatement s = c.prepareStatement("UPDATE recording SET state = 'SEALED', started_at = ?, "
                + "ended_at = ?, duration_ms = ?, size_bytes = ?, sha256 = ?, media_path = ?, codec = ?, "
                + "sample_rate = ?, orphan = ?, recovered = ?, updated_at = ?" + farColumns + " WHERE id = ?")) {
            int i = 1;
            Columns.setInstant(s, i++, seal.startedAt());
            Columns.setInstant(s, i++, seal.endedAt());
            s.setLong(i++, seal.durationMillis());
            s.setLong(i++, seal.sizeBytes());
            s.setString(i++, seal.sha256());
            s.setString(i++, seal.mediaPath());
            Columns.setText(s, i++, seal.codec(), 64);
            s.setInt(i++, seal.sampleRate());
            s.setBoolean(i++, seal.orphan());
            s.setBoolean(i++, seal.recovered());
            s.setLong(i++, clock.millis());
            if (seal.far() != null) {
                i = RowWriter.bindParty(s, i, seal.far());
            }
            s.setString(i, seal.recordingId().toString());
            if (s.executeUpdate() != 1) {
                throw new SQLException("recording " + seal.recordingId() + " has no row to seal");
            }
        }
    }

    private void closeLeg(Connection c, SealCommit.LegClose leg) throws SQLException {
        String sql = leg.stats() != null
                ? "UPDATE recording_leg SET ended_at = ?, end_reason = ?, " + Columns.STATS_ASSIGNMENTS
                        + ", codec = COALESCE(codec, ?) WHERE id = ?"
                : "UPDATE recording_leg SET ended_at = COALESCE(ended_at, ?), end_reason = COALESCE(end_reason, ?), "
                        + "codec = COALESCE(codec, ?) WHERE id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Columns.setInstant(s, 1, leg.endedAt());
            Columns.setText(s, 2, leg.reason(), 64);
            int i = leg.stats() != null ? Columns.bindStats(s, 3, leg.stats()) : 3;
            Columns.setText(s, i++, leg.codec(), 64);
            s.setString(i, leg.legId().toString());
            s.executeUpdate();
        }
    }
}
