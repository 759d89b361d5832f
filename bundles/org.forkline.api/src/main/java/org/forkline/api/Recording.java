package org.forkline.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One recorded call: both parties, time-aligned, in one stereo file (near end left, far end right).
 *
 * @param id             recording id
 * @param state          life-cycle state
 * @param startedAt      start of the audio (earliest leg)
 * @param endedAt        end of the audio, null while active
 * @param durationMillis audio duration, 0 while active
 * @param near           recorded party
 * @param far            other party (latest known, CUCM may update it mid-call)
 * @param clusterId      CUCM cluster id
 * @param refci          CUCM {@code x-refci}
 * @param codec          codec of the received audio
 * @param nodeId         node that recorded it
 * @param recovered      true when it was rebuilt from journals after a crash
 * @param orphan         true when only one of the two legs was ever seen
 * @param sizeBytes      size of the stereo file, 0 before sealing
 * @param sha256         hex SHA-256 of the stereo file, null before sealing
 * @param legs           the forked streams it was made from
 */
public record Recording(
        UUID id,
        RecordingState state,
        Instant startedAt,
        Instant endedAt,
        long durationMillis,
        Party near,
        Party far,
        String clusterId,
        String refci,
        String codec,
        String nodeId,
        boolean recovered,
        boolean orphan,
        long sizeBytes,
        String sha256,
        List<RecordingLeg> legs) {

    public Recording {
        legs = legs == null ? List.of() : List.copyOf(legs);
    }
}
