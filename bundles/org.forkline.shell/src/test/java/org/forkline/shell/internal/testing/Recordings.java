package org.forkline.shell.internal.testing;

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
        RecordingLeg near = new RecordingLeg(UUID.nameUUIDFromBytes((id + "n").getBytes()), LegDirection.NEAR,
                "a1b2@10.0.0.1", startedAt, startedAt.plusSeconds(3723), "PCMU", "10.0.0.5:24000", "BYE",
                new MediaStats(186150, 12, 1, 2, 0, 0, 4, 9, 1));
        return new Recording(id, RecordingState.SEALED, startedAt, startedAt.plusSeconds(3723), 3_723_400,
                new Party(nearNumber, "SEP6C416A369525", "Alice"), new Party("+41441234567", "SIPTrunk1", null),
                "StandAloneCluster", "16777217", "PCMU", "node1", true, false, 1_572_864, "ab".repeat(32),
                List.of(near));
    }

    public static Recording active(UUID id, Instant startedAt, String nearNumber) {
        return new Recording(id, RecordingState.ACTIVE, startedAt, null, 0, new Party(nearNumber, null, null),
                Party.UNKNOWN, null, null, null, "node2", false, true, 0, null, List.of());
    }
}
