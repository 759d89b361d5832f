package org.forkline.storage.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.forkline.api.Recording;
import org.forkline.api.RecordingLeg;
import org.forkline.api.RecordingPage;
import org.forkline.api.RecordingQuery;

/** Reads recordings for search, details and audio; every value is a bound parameter. */
public final class RecordingQueries {

    private static final String ORDER = " ORDER BY started_at DESC, id";

    private final ConnectionPool pool;

    public RecordingQueries(ConnectionPool pool) {
        this.pool = pool;
    }

    /** The stored row of a recording. */
    public Optional<RecordingRow> row(UUID id) throws SQLException {
        return pool.call(c -> RowWriter.findRecording(c, id));
    }

    /** A recording with its legs. */
    public Optional<Recording> find(UUID id) throws SQLException {
        return pool.call(c -> {
            Optional<RecordingRow> row = RowWriter.findRecording(c, id);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(toRecording(row.get(), legs(c, List.of(id)).getOrDefault(id, List.of())));
        });
    }

    /**
     * Recordings matching the query, newest first. A number matches the near or the far number: two index lookups
     * joined by UNION, because an OR across two columns would scan the whole table.
     */
    public RecordingPage search(RecordingQuery query) throws SQLException {
        List<Object> timeParameters = new ArrayList<>();
        StringBuilder time = new StringBuilder();
        if (query.from() != null) {
            time.append(" AND started_at >= ?");
            timeParameters.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            time.append(" AND started_at < ?");
            timeParameters.add(query.to().toEpochMilli());
        }
        String select;
        String count;
        List<Object> parameters = new ArrayList<>();
        if (query.number() != null) {
            String near = "SELECT " + Columns.RECORDING + " FROM recording WHERE near_number = ?" + time;
            String far = "SELECT " + Columns.RECORDING + " FROM recording WHERE far_number = ?" + time;
            select = near + " UNION " + far;
            count = "SELECT COUNT(*) FROM (" + select + ") AS matches";
            parameters.add(query.number());
            parameters.addAll(timeParameters);
            parameters.add(query.number());
            parameters.addAll(timeParameters);
        } else {
            String where = time.length() == 0 ? "" : " WHERE" + time.substring(" AND".length());
            select = "SELECT " + Columns.RECORDING + " FROM recording" + where;
            count = "SELECT COUNT(*) FROM recording" + where;
            parameters.addAll(timeParameters);
        }
        String page = select + ORDER + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        return pool.call(c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement(count)) {
                bind(s, parameters);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            List<RecordingRow> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(page)) {
                int next = bind(s, parameters);
                s.setInt(next, query.offset());
                s.setInt(next + 1, query.limit());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(Columns.recording(r));
                    }
                }
            }
            Map<UUID, List<RecordingLeg>> legs = legs(c, rows.stream().map(RecordingRow::id).toList());
            List<Recording> items = rows.stream()
                    .map(row -> toRecording(row, legs.getOrDefault(row.id(), List.of()))).toList();
            return new RecordingPage(items, total, query.offset(), query.limit());
        });
    }

    private static Map<UUID, List<RecordingLeg>> legs(Connection c, List<UUID> recordingIds) throws SQLException {
        if (recordingIds.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(", ", Collections.nCopies(recordingIds.size(), "?"));
        Map<UUID, List<RecordingLeg>> legs = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + Columns.LEG + " FROM recording_leg "
                + "WHERE recording_id IN (" + marks + ") ORDER BY started_at, id")) {
            for (int i = 0; i < recordingIds.size(); i++) {
                s.setString(i + 1, recordingIds.get(i).toString());
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    LegRow row = Columns.leg(r);
                    legs.computeIfAbsent(row.recordingId(), id -> new ArrayList<>()).add(new RecordingLeg(row.id(),
                            row.direction(), row.sipCallId(), row.startedAt(), row.endedAt(), row.codec(),
                            row.remoteAddress(), row.endReason(), row.stats()));
                }
            }
        }
        return legs;
    }

    private static Recording toRecording(RecordingRow row, List<RecordingLeg> legs) {
        return new Recording(row.id(), row.state(), row.startedAt(), row.endedAt(), row.durationMillis(), row.near(),
                row.far(), row.clusterId(), row.refci(), row.codec(), row.nodeId(), row.recovered(), row.orphan(),
                row.sizeBytes(), row.sha256() == null ? null : row.sha256().trim(), legs);
    }

    private static int bind(PreparedStatement s, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            if (parameter instanceof Long value) {
                s.setLong(index++, value);
            } else {
                s.setString(index++, (String) parameter);
            }
        }
        return index;
    }
}
