package org.forkline.storage.internal.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.forkline.api.RecordingState;
import org.forkline.api.replication.ChangeKind;

/**
 * The database side of merging split legs: finding sealed orphans of one call and the one transaction that replaces
 * two of them with the merged recording, leaving a tombstone for each.
 */
public final class MergeDao {

    /** An orphan recording with its legs (all on one side). */
    public record Orphan(RecordingRow row, List<LegRow> legs) {
    }

    private final ConnectionPool pool;
    private final ChangeLog changeLog;
    private final Clock clock;

    public MergeDao(ConnectionPool pool, ChangeLog changeLog, Clock clock) {
        this.pool = pool;
        this.changeLog = changeLog;
        this.clock = clock;
    }

    public Optional<RecordingRow> find(UUID id) throws SQLException {
        return pool.call(c -> RowWriter.findRecording(c, id));
    }

    /** Sealed orphans with this pair key, oldest first, with their legs. */
    public List<Orphan> sealedOrphans(String pairKey) throws SQLException {
        return pool.call(c -> {
            List<RecordingRow> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + Columns.RECORDING + " FROM recording "
                    + "WHERE orphan = TRUE AND pair_key = ? AND state = 'SEALED' ORDER BY started_at, id")) {
                s.setString(1, pairKey);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(Columns.recording(r));
                    }
                }
            }
            List<Orphan> orphans = new ArrayList<>();
            for (RecordingRow row : rows) {
                orphans.add(new Orphan(row, RowWriter.legs(c, row.id())));
            }
            return orphans;
        });
    }

    /** Sealed orphans of this node that share their pair key with a sealed orphan of another node. */
    public List<UUID> localOrphansWithRemotePartner(String nodeId) throws SQLException {
        return pool.call(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT a.id FROM recording a JOIN recording b "
                    + "ON b.orphan = TRUE AND b.pair_key = a.pair_key AND b.id <> a.id AND b.state = 'SEALED' "
                    + "AND b.node_id <> ? WHERE a.orphan = TRUE AND a.state = 'SEALED' AND a.node_id = ?")) {
                s.setString(1, nodeId);
                s.setString(2, nodeId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(UUID.fromString(r.getString(1).trim()));
                    }
                }
            }
            return ids;
        });
    }

    /** True when the merged recording exists or was deleted already. */
    public boolean known(UUID mergedId) throws SQLException {
        return pool.call(c -> RowWriter.findRecording(c, mergedId).isPresent()
                || changeLog.exists(c, mergedId.toString(), ChangeKind.RECORDING_DELETED));
    }

    /**
     * In one change transaction: deletes both orphans (a RECORDING_DELETED change each), inserts the merged
     * recording with its legs (a RECORDING_SEALED change) and runs {@code moveIntoPlace}. Returns false and changes
     * nothing when the merged recording is already known or an orphan is gone.
     */
    public boolean commitMerge(RecordingRow merged, List<LegRow> legs, UUID nearOrphan, UUID farOrphan,
            SealingDao.IoStep moveIntoPlace) throws SQLException, IOException {
        return changeLog.localWithFiles(c -> {
            if (RowWriter.findRecording(c, merged.id()).isPresent()
                    || changeLog.exists(c, merged.id().toString(), ChangeKind.RECORDING_DELETED)
                    || !sealed(c, nearOrphan) || !sealed(c, farOrphan)) {
                return false;
            }
            // Tombstones first: a peer applying this node's changes in order drops the orphans before it inserts
            // the merged recording.
            for (UUID orphan : List.of(nearOrphan, farOrphan)) {
                ReplicaRows.delete(c, orphan);
                changeLog.appendLocal(c, ChangeKind.RECORDING_DELETED, orphan.toString(), clock.instant(), "");
            }
            RowWriter.insertRecording(c, merged, clock.millis());
            for (LegRow leg : legs) {
                RowWriter.insertLeg(c, leg);
            }
            changeLog.appendLocal(c, ChangeKind.RECORDING_SEALED, merged.id().toString(), clock.instant(),
                    ChangePayloads.recording(merged, RowWriter.legs(c, merged.id())));
            moveIntoPlace.run();
            return true;
        });
    }

    private static boolean sealed(Connection c, UUID id) throws SQLException {
        return RowWriter.findRecording(c, id).map(r -> r.state() == RecordingState.SEALED).orElse(false);
    }
}
