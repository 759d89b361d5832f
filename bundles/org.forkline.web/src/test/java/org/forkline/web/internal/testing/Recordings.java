package org.forkline.web.internal.testing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.Recording;
import org.forkline.api.RecordingLeg;
import org.forkline.api.RecordingState;

/** Sample recordings for tests. */
public final class Recordings {

    private Recordings() {
    }

    public static Recording sealed(UUID id, Instant startedAt, String nearNumber) {
        return recording(id, RecordingState.SEALED, startedAt, nearNumber);
    }

    public static Recording recording(UUID id, RecordingState state, Instant startedAt, String nearNumber) {
        boolean ended = state != RecordingState.ACTIVE;
        Instant endedAt = ended ? startedAt.plusSeconds(83) : null;
        RecordingLeg near = new RecordingLeg(UUID.nameUUIDFromBytes((id + "near").getBytes()), LegDirection.NEAR,
                "call-" + id + "-1@cucm", startedAt, endedAt, "PCMU", "10.0.0.5:24000", ended ? "BYE" : null,
                new MediaStats(4150, 2, 0, 1, 0, 0, 3, 0, 0));
        RecordingLeg far = new RecordingLeg(UUID.nameUUIDFromBytes((id + "far").getBytes()), LegDirection.FAR,
                "call-" + id + "-2@cucm", startedAt.plusMillis(20), endedAt, "PCMU", "10.0.0.6:24002",
                ended ? "BYE" : null, MediaStats.EMPTY);
        return new Recording(id, state, startedAt, endedAt, ended ? 83_000 : 0,
                new Party(nearNumber, "SEP6C416A369525", "Alice"), new Party("+41441234567", "SIPTrunk1", null),
                "StandAloneCluster", "16777217", "PCMU", "node1", false, false,
                state == RecordingState.SEALED ? 1_234_567 : 0,
                state == RecordingState.SEALED ? "ab".repeat(32) : null, List.of(near, far));
    }
}
