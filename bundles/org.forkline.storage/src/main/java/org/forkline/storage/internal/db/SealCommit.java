package org.forkline.storage.internal.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.forkline.api.MediaStats;
import org.forkline.api.Party;

/**
 * Everything the seal transaction writes: the recording's final row values and each leg's end as its journal tells.
 *
 * @param far far party to store, or null to keep the row's (only for rows rebuilt from journals)
 */
public record SealCommit(UUID recordingId, Instant startedAt, Instant endedAt, long durationMillis, long sizeBytes,
        String sha256, String mediaPath, String codec, int sampleRate, boolean orphan, boolean recovered, Party far,
        List<LegClose> legs) {

    public SealCommit {
        legs = List.copyOf(legs);
    }

    /**
     * One leg's end.
     *
     * @param stats      counters from the END record; null when the leg was still open (then it is ended only if
     *                   its row has no end yet, with {@code reason} RECOVERED)
     */
    public record LegClose(UUID legId, Instant endedAt, String reason, MediaStats stats, String codec) {
    }
}
