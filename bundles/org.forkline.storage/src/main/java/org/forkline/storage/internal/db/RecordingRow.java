package org.forkline.storage.internal.db;

import java.time.Instant;
import java.util.UUID;

import org.forkline.api.Party;
import org.forkline.api.RecordingState;

/** A row of the {@code recording} table. */
public record RecordingRow(
        UUID id,
        String pairKey,
        String clusterId,
        String refci,
        RecordingState state,
        Instant startedAt,
        Instant endedAt,
        long durationMillis,
        Party near,
        Party far,
        String codec,
        int sampleRate,
        String nodeId,
        boolean recovered,
        boolean orphan,
        long sizeBytes,
        String sha256,
        String mediaPath) {

    /** A recording that has just started capturing. */
    public static RecordingRow active(UUID id, String pairKey, String clusterId, String refci, Instant startedAt,
            Party near, Party far, String nodeId) {
        return new RecordingRow(id, pairKey, clusterId, refci, RecordingState.ACTIVE, startedAt, null, 0, near, far,
                null, 0, nodeId, false, false, 0, null, null);
    }
}
