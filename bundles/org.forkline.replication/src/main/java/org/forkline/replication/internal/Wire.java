package org.forkline.replication.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.forkline.api.replication.Change;
import org.forkline.api.replication.ChangeKind;

/** JSON bodies of the node-to-node endpoints. */
public final class Wire {

    static final String CHANGES_PATH = "/cluster/v1/changes";
    static final String RECORDINGS_PATH = "/cluster/v1/recordings/";

    private Wire() {
    }

    /**
     * Answer of {@code GET /cluster/v1/changes}.
     *
     * @param node    the answering node
     * @param heads   its highest sequence per origin, for backlog
     * @param changes changes after the asked watermarks, each origin's in sequence order
     */
    public record Changes(String node, Map<String, Long> heads, List<ChangeJson> changes) {
    }

    /**
     * One change.
     *
     * @param mediaGone true for a sealed recording whose file the answering node no longer has (deleted there)
     */
    public record ChangeJson(String origin, long sequence, String kind, String key, long createdAt, String payload,
            boolean mediaGone) {

        static ChangeJson of(Change change, boolean mediaGone) {
            return new ChangeJson(change.origin(), change.sequence(), change.kind().name(), change.key(),
                    change.createdAt().toEpochMilli(), change.payload(), mediaGone);
        }

        Change toChange() {
            return new Change(origin, sequence, ChangeKind.valueOf(kind), key, Instant.ofEpochMilli(createdAt),
                    payload);
        }
    }

    /** Body of every refused request. */
    public record Error(String error) {
    }

    /** {@code node1:12,node2:3}: the watermarks of the {@code after} parameter. */
    static String watermarks(Map<String, Long> watermarks) {
        StringBuilder text = new StringBuilder();
        watermarks.forEach((origin, sequence) -> text.append(text.length() == 0 ? "" : ",").append(origin)
                .append(':').append(sequence));
        return text.toString();
    }

    static Map<String, Long> parseWatermarks(String text) {
        Map<String, Long> result = new java.util.HashMap<>();
        if (text == null || text.isBlank()) {
            return result;
        }
        for (String item : text.split(",")) {
            int colon = item.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("watermark '" + item + "' is not origin:sequence");
            }
            result.put(item.substring(0, colon), Long.parseLong(item.substring(colon + 1)));
        }
        return result;
    }
}
