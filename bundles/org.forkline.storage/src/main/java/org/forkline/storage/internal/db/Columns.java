package org.forkline.storage.internal.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.RecordingState;

/** Column lists and the mapping between rows and values, shared by the writing and the reading side. */
final class Columns {

    static final String RECORDING = "id, pair_key, cluster_id, refci, state, started_at, ended_at, duration_ms, "
            + "near_number, near_device, near_name, far_number, far_device, far_name, codec, sample_rate, node_id, "
            + "recovered, orphan, size_bytes, sha256, media_path";
    static final String LEG = "id, recording_id, direction, sip_call_id, started_at, ended_at, codec, remote_address, "
            + "end_reason, packets_received, packets_lost, packets_duplicate, packets_late, packets_unexpected_source, "
            + "packets_malformed, packets_events, packets_comfort_noise, ssrc_changes";
    static final String STATS_ASSIGNMENTS = "packets_received = ?, packets_lost = ?, packets_duplicate = ?, "
            + "packets_late = ?, packets_unexpected_source = ?, packets_malformed = ?, packets_events = ?, "
            + "packets_comfort_noise = ?, ssrc_changes = ?";

    private Columns() {
    }

    static RecordingRow recording(ResultSet r) throws SQLException {
        return new RecordingRow(UUID.fromString(r.getString("id").trim()), r.getString("pair_key"),
                r.getString("cluster_id"), r.getString("refci"), RecordingState.valueOf(r.getString("state").trim()),
                instant(r, "started_at"), instant(r, "ended_at"), r.getLong("duration_ms"),
                new Party(r.getString("near_number"), r.getString("near_device"), r.getString("near_name")),
                new Party(r.getString("far_number"), r.getString("far_device"), r.getString("far_name")),
                r.getString("codec"), r.getInt("sample_rate"), r.getString("node_id"), r.getBoolean("recovered"),
                r.getBoolean("orphan"), r.getLong("size_bytes"), r.getString("sha256"), r.getString("media_path"));
    }

    static LegRow leg(ResultSet r) throws SQLException {
        MediaStats stats = new MediaStats(r.getLong("packets_received"), r.getLong("packets_lost"),
                r.getLong("packets_duplicate"), r.getLong("packets_late"), r.getLong("packets_unexpected_source"),
                r.getLong("packets_malformed"), r.getLong("packets_events"), r.getLong("packets_comfort_noise"),
                r.getLong("ssrc_changes"));
        return new LegRow(UUID.fromString(r.getString("id").trim()),
                UUID.fromString(r.getString("recording_id").trim()), LegDirection.valueOf(r.getString("direction")),
                r.getString("sip_call_id"), instant(r, "started_at"), instant(r, "ended_at"), r.getString("codec"),
                r.getString("remote_address"), r.getString("end_reason"), stats, Map.of());
    }

    /** Binds the nine counters from {@code index} on; returns the next index. */
    static int bindStats(PreparedStatement s, int index, MediaStats stats) throws SQLException {
        for (long value : new long[] {stats.packetsReceived(), stats.packetsLost(), stats.packetsDuplicate(),
                stats.packetsLate(), stats.packetsUnexpectedSource(), stats.packetsMalformed(), stats.packetsEvents(),
                stats.packetsComfortNoise(), stats.ssrcChanges()}) {
            s.setLong(index++, value);
        }
        return index;
    }

    static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }

    /** Binds a string cut to the column's width: a long SIP value must never make an insert fail. */
    static void setText(PreparedStatement s, int index, String value, int maxLength) throws SQLException {
        s.setString(index, value == null || value.length() <= maxLength ? value : value.substring(0, maxLength));
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    /** The x- parameters as {@code key=value} lines, for people reading the table. */
    static String parametersText(Map<String, String> parameters) {
        StringBuilder text = new StringBuilder();
        parameters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> text.append(escape(e.getKey()))
                .append('=').append(escape(e.getValue())).append('\n'));
        return text.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
