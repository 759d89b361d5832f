package org.forkline.storage.internal.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.RecordingState;
import org.forkline.api.RecordingUser;

/**
 * The compact text of change payloads: one {@code key=value} line per field (backslash escapes), readable in the
 * table and by operators. Unknown keys are ignored, so later versions may add fields.
 */
public final class ChangePayloads {

    /** A sealed recording as replicated: its row and its legs. */
    public record SealedRecording(RecordingRow recording, List<LegRow> legs) {
    }

    private ChangePayloads() {
    }

    public static String recording(RecordingRow r, List<LegRow> legs) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", r.id().toString());
        f.put("pairKey", r.pairKey());
        f.put("clusterId", r.clusterId());
        f.put("refci", r.refci());
        f.put("startedAt", millis(r.startedAt()));
        f.put("endedAt", millis(r.endedAt()));
        f.put("durationMs", Long.toString(r.durationMillis()));
        party(f, "near", r.near());
        party(f, "far", r.far());
        f.put("codec", r.codec());
        f.put("sampleRate", Integer.toString(r.sampleRate()));
        f.put("nodeId", r.nodeId());
        f.put("recovered", Boolean.toString(r.recovered()));
        f.put("orphan", Boolean.toString(r.orphan()));
        f.put("sizeBytes", Long.toString(r.sizeBytes()));
        f.put("sha256", r.sha256() == null ? null : r.sha256().trim());
        f.put("mediaPath", r.mediaPath());
        f.put("legs", Integer.toString(legs.size()));
        for (int i = 0; i < legs.size(); i++) {
            LegRow leg = legs.get(i);
            String p = "leg." + i + ".";
            f.put(p + "id", leg.id().toString());
            f.put(p + "direction", leg.direction().name());
            f.put(p + "sipCallId", leg.sipCallId());
            f.put(p + "startedAt", millis(leg.startedAt()));
            f.put(p + "endedAt", millis(leg.endedAt()));
            f.put(p + "codec", leg.codec());
            f.put(p + "remoteAddress", leg.remoteAddress());
            f.put(p + "endReason", leg.endReason());
            MediaStats s = leg.stats();
            f.put(p + "stats", s.packetsReceived() + "," + s.packetsLost() + "," + s.packetsDuplicate() + ","
                    + s.packetsLate() + "," + s.packetsUnexpectedSource() + "," + s.packetsMalformed() + ","
                    + s.packetsEvents() + "," + s.packetsComfortNoise() + "," + s.ssrcChanges());
        }
        return encode(f);
    }

    public static SealedRecording recording(String payload) {
        Map<String, String> f = decode(payload);
        RecordingRow row = new RecordingRow(UUID.fromString(f.get("id")), f.get("pairKey"), f.get("clusterId"),
                f.get("refci"), RecordingState.SEALED, instant(f.get("startedAt")), instant(f.get("endedAt")),
                Long.parseLong(f.get("durationMs")), party(f, "near"), party(f, "far"), f.get("codec"),
                Integer.parseInt(f.get("sampleRate")), f.get("nodeId"), Boolean.parseBoolean(f.get("recovered")),
                Boolean.parseBoolean(f.get("orphan")), Long.parseLong(f.get("sizeBytes")), f.get("sha256"),
                f.get("mediaPath"));
        List<LegRow> legs = new ArrayList<>();
        int count = Integer.parseInt(f.getOrDefault("legs", "0"));
        for (int i = 0; i < count; i++) {
            String p = "leg." + i + ".";
            String[] n = f.get(p + "stats").split(",");
            MediaStats stats = new MediaStats(Long.parseLong(n[0]), Long.parseLong(n[1]), Long.parseLong(n[2]),
                    Long.parseLong(n[3]), Long.parseLong(n[4]), Long.parseLong(n[5]), Long.parseLong(n[6]),
                    Long.parseLong(n[7]), Long.parseLong(n[8]));
            legs.add(new LegRow(UUID.fromString(f.get(p + "id")), row.id(),
                    LegDirection.valueOf(f.get(p + "direction")), f.get(p + "sipCallId"),
                    instant(f.get(p + "startedAt")), instant(f.get(p + "endedAt")), f.get(p + "codec"),
                    f.get(p + "remoteAddress"), f.get(p + "endReason"), stats, Map.of()));
        }
        return new SealedRecording(row, legs);
    }

    public static String user(RecordingUser user) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("number", user.number());
        f.put("displayName", user.displayName());
        f.put("enabled", Boolean.toString(user.enabled()));
        return encode(f);
    }

    public static RecordingUser user(String payload) {
        Map<String, String> f = decode(payload);
        return new RecordingUser(f.get("number"), f.get("displayName"), Boolean.parseBoolean(f.get("enabled")));
    }

    /** Fields as lines; a null value is left out. */
    static String encode(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> {
            if (value != null) {
                text.append(key).append('=').append(value.replace("\\", "\\\\").replace("\n", "\\n")
                        .replace("\r", "\\r")).append('\n');
            }
        });
        return text.toString();
    }

    static Map<String, String> decode(String payload) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : payload.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), unescape(line.substring(equals + 1)));
            }
        }
        return fields;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static void party(Map<String, String> f, String prefix, Party party) {
        f.put(prefix + ".number", party.number());
        f.put(prefix + ".device", party.device());
        f.put(prefix + ".name", party.displayName());
    }

    private static Party party(Map<String, String> f, String prefix) {
        return new Party(f.get(prefix + ".number"), f.get(prefix + ".device"), f.get(prefix + ".name"));
    }

    private static String millis(Instant instant) {
        return instant == null ? null : Long.toString(instant.toEpochMilli());
    }

    private static Instant instant(String millis) {
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
