package org.forkline.web.internal.json;

import java.util.List;

/** A recording as JSON; instants as ISO-8601 strings, {@code audioUrl} where its audio is served. */
public record RecordingJson(
        String id,
        String state,
        String startedAt,
        String endedAt,
        long durationMillis,
        PartyJson near,
        PartyJson far,
        String clusterId,
        String refci,
        String codec,
        String nodeId,
        boolean recovered,
        boolean orphan,
        long sizeBytes,
        String sha256,
        String audioUrl,
        List<LegJson> legs) {
}
