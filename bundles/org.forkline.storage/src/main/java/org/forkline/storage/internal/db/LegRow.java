package org.forkline.storage.internal.db;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.MediaStats;

/** A row of the {@code recording_leg} table. */
public record LegRow(
        UUID id,
        UUID recordingId,
        LegDirection direction,
        String sipCallId,
        Instant startedAt,
        Instant endedAt,
        String codec,
        String remoteAddress,
        String endReason,
        MediaStats stats,
        Map<String, String> parameters) {

    public LegRow {
        stats = stats == null ? MediaStats.EMPTY : stats;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** A leg that has just been admitted. */
    public static LegRow started(UUID id, UUID recordingId, LegDirection direction, String sipCallId, Instant startedAt,
            Map<String, String> parameters) {
        return new LegRow(id, recordingId, direction, sipCallId, startedAt, null, null, null, null, MediaStats.EMPTY,
                parameters);
    }
}
