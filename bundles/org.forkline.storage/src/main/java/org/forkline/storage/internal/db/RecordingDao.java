package org.forkline.storage.internal.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.RecordingState;

/** Writes of the recording life cycle: rows created at admission, updated during the call, state changes. */
public final class RecordingDao {

    private final ConnectionPool pool;
    private final Clock clock;

    public RecordingDao(ConnectionPool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Inserts a new recording with its first leg, in one transaction. */
    public void insertRecording(RecordingRow recording, LegRow firstLeg) throws SQLException {
        pool.inTransaction(c -> {
            RowWriter.insertRecording(c, recording, clock.millis());
            RowWriter.insertLeg(c, firstLeg);
            return null;
        });
    }

    public void insertLeg(LegRow leg) throws SQLException {
        pool.call(c -> {
            RowWriter.insertLeg(c, leg);
            return null;
        });
    }

    /** Fills the parties' unknown fields from a partner leg's metadata. */
    public void completeParties(UUID recordingId, Party near, Party far) throws SQLException {
        update("UPDATE recording SET near_number = COALESCE(near_number, ?), near_device = COALESCE(near_device, ?), "
                + "near_name = COALESCE(near_name, ?), far_number = COALESCE(far_number, ?), "
                + "far_device = COALESCE(far_device, ?), far_name = COALESCE(far_name, ?), updated_at = ? WHERE id = ?",
                s -> {
                    int i = RowWriter.bindParty(s, 1, near);
                    i = RowWriter.bindParty(s, i, far);
                    s.setLong(i++, clock.millis());
                    s.setString(i, recordingId.toString());
                });
    }

    public void updateLegMedia(UUID legId, String codec, String remoteAddress) throws SQLException {
        update("UPDATE recording_leg SET codec = ?, remote_address = ? WHERE id = ?", s -> {
            Columns.setText(s, 1, codec, 64);
            Columns.setText(s, 2, remoteAddress, 128);
            s.setString(3, legId.toString());
        });
    }

    /** Stores the far party CUCM announced mid-call (e.g. after a transfer) and the leg's new parameters. */
    public void updateMetadata(UUID recordingId, Party far, UUID legId, Map<String, String> parameters)
            throws SQLException {
        pool.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE recording SET far_number = ?, far_device = ?, "
                    + "far_name = ?, updated_at = ? WHERE id = ?")) {
                int i = RowWriter.bindParty(s, 1, far);
                s.setLong(i++, clock.millis());
                s.setString(i, recordingId.toString());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE recording_leg SET metadata = ? WHERE id = ?")) {
                Columns.setText(s, 1, Columns.parametersText(parameters), 16000);
                s.setString(2, legId.toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    public void endLeg(UUID legId, Instant endedAt, String reason, MediaStats stats) throws SQLException {
        update("UPDATE recording_leg SET ended_at = ?, end_reason = ?, " + Columns.STATS_ASSIGNMENTS + " WHERE id = ?",
                s -> {
                    Columns.setInstant(s, 1, endedAt);
                    Columns.setText(s, 2, reason, 64);
                    int i = Columns.bindStats(s, 3, stats);
                    s.setString(i, legId.toString());
                });
    }

    /** @return rows changed (0 when the recording does not exist) */
    public int setState(UUID recordingId, RecordingState state) throws SQLException {
        return update("UPDATE recording SET state = ?, updated_at = ? WHERE id = ?", s -> {
            s.setString(1, state.name());
            s.setLong(2, clock.millis());
            s.setString(3, recordingId.toString());
        });
    }

    public Optional<RecordingState> state(UUID recordingId) throws SQLException {
        return pool.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT state FROM recording WHERE id = ?")) {
                s.setString(1, recordingId.toString());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(RecordingState.valueOf(r.getString(1).trim())) : Optional.empty();
                }
            }
        });
    }

    /** A recording's row, for taking it over from the previous activation of storage. */
    public Optional<RecordingRow> recording(UUID recordingId) throws SQLException {
        return pool.call(c -> RowWriter.findRecording(c, recordingId));
    }

    /** A recording's legs, oldest first. */
    public List<LegRow> legs(UUID recordingId) throws SQLException {
        return pool.call(c -> RowWriter.legs(c, recordingId));
    }

    /** Recordings of this node that are not sealed (ACTIVE, SEALING, FAILED), oldest first. */
    public Map<UUID, RecordingState> unsealed(String nodeId) throws SQLException {
        return pool.call(c -> {
            Map<UUID, RecordingState> result = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, state FROM recording WHERE node_id = ? "
                    + "AND state IN ('ACTIVE', 'SEALING', 'FAILED') ORDER BY started_at")) {
                s.setString(1, nodeId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        result.put(UUID.fromString(r.getString(1).trim()),
                                RecordingState.valueOf(r.getString(2).trim()));
                    }
                }
            }
            return result;
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private int update(String sql, Binder binder) throws SQLException {
        return pool.call(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                return s.executeUpdate();
            }
        });
    }
}
