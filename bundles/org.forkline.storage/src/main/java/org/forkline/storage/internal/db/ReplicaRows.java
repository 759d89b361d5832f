package org.forkline.storage.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Row writes of replication and deletion, on the connection of a change transaction. */
public final class ReplicaRows {

    private ReplicaRows() {
    }

    public static Optional<RecordingRow> find(Connection c, UUID id) throws SQLException {
        return RowWriter.findRecording(c, id);
    }

    /** Inserts a sealed recording received from a peer, with its legs. */
    public static void insertSealed(Connection c, ChangePayloads.SealedRecording sealed, long now)
            throws SQLException {
        RowWriter.insertRecording(c, sealed.recording(), now);
        for (LegRow leg : sealed.legs()) {
            RowWriter.insertLeg(c, leg);
        }
    }

    /** Deletes a recording's row; its legs go with it (ON DELETE CASCADE). */
    public static boolean delete(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM recording WHERE id = ?")) {
            s.setString(1, id.toString());
            return s.executeUpdate() > 0;
        }
    }
}
