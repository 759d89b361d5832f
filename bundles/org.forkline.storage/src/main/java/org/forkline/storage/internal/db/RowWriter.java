package org.forkline.storage.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.forkline.api.Party;

/** Inserts and lookups shared by the life-cycle writes and the seal transaction, on a caller's connection. */
final class RowWriter {

    private RowWriter() {
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    static void insertRecording(Connection c, RecordingRow r, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO recording (" + Columns.RECORDING
                + ", created_at, updated_at) VALUES (" + marks(24) + ")")) {
            s.setString(1, r.id().toString());
            Columns.setText(s, 2, r.pairKey(), 512);
            Columns.setText(s, 3, r.clusterId(), 128);
            Columns.setText(s, 4, r.refci(), 128);
            s.setString(5, r.state().name());
            Columns.setInstant(s, 6, r.startedAt());
            Columns.setInstant(s, 7, r.endedAt());
            s.setLong(8, r.durationMillis());
            int i = bindParty(s, 9, r.near());
            i = bindParty(s, i, r.far());
            Columns.setText(s, i++, r.codec(), 64);
            s.setInt(i++, r.sampleRate());
            s.setString(i++, r.nodeId());
            s.setBoolean(i++, r.recovered());
            s.setBoolean(i++, r.orphan());
            s.setLong(i++, r.sizeBytes());
            s.setString(i++, r.sha256());
            s.setString(i++, r.mediaPath());
            s.setLong(i++, now);
            s.setLong(i, now);
            s.executeUpdate();
        }
    }

    static void insertLeg(Connection c, LegRow leg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO recording_leg (" + Columns.LEG
                + ", metadata) VALUES (" + marks(19) + ")")) {
            s.setString(1, leg.id().toString());
            s.setString(2, leg.recordingId().toString());
            s.setString(3, leg.direction().name());
            Columns.setText(s, 4, leg.sipCallId(), 256);
            Columns.setInstant(s, 5, leg.startedAt());
            Columns.setInstant(s, 6, leg.endedAt());
            Columns.setText(s, 7, leg.codec(), 64);
            Columns.setText(s, 8, leg.remoteAddress(), 128);
            Columns.setText(s, 9, leg.endReason(), 64);
            int i = Columns.bindStats(s, 10, leg.stats());
            Columns.setText(s, i, Columns.parametersText(leg.parameters()), 16000);
            s.executeUpdate();
        }
    }

    static Optional<RecordingRow> findRecording(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + Columns.RECORDING + " FROM recording WHERE id = ?")) {
            s.setString(1, id.toString());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(Columns.recording(r)) : Optional.empty();
            }
        }
    }

    /** Every leg of a recording, oldest first. */
    static List<LegRow> legs(Connection c, UUID recordingId) throws SQLException {
        List<LegRow> legs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + Columns.LEG
                + " FROM recording_leg WHERE recording_id = ? ORDER BY started_at, id")) {
            s.setString(1, recordingId.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    legs.add(Columns.leg(r));
                }
            }
        }
        return legs;
    }

    static boolean exists(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id.toString());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static int bindParty(PreparedStatement s, int index, Party party) throws SQLException {
        Columns.setText(s, index, party.number(), 128);
        Columns.setText(s, index + 1, party.device(), 128);
        Columns.setText(s, index + 2, party.displayName(), 256);
        return index + 3;
    }
}
