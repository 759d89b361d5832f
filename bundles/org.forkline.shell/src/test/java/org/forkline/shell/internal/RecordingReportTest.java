package org.forkline.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.forkline.shell.internal.testing.Recordings;
import org.junit.jupiter.api.Test;

class RecordingReportTest {

    private static final UUID ID = UUID.fromString("0b7e7a52-2a4b-4c1e-9d43-5f7b1c2d3e4f");

    @Test
    void showsEveryFieldAndEachLegWithItsCounters() {
        Output out = new Output();

        RecordingReport.print(Recordings.sealed(ID, Instant.parse("2026-11-25T10:00:00Z"), "1001"), out.stream());

        assertThat(out.text()).contains(
                "Id           " + ID + "\n",
                "State        SEALED\n",
                "Started      2026-11-25T10:00:00Z\n",
                "Ended        2026-11-25T11:02:03Z\n",
                "Duration     1:02:03\n",
                "Near         number 1001, device SEP6C416A369525, name Alice\n",
                "Far          number +41441234567, device SIPTrunk1, name -\n",
                "Cluster      StandAloneCluster\n",
                "Refci        16777217\n",
                "Codec        PCMU\n",
                "Node         node1\n",
                "Recovered    yes\n",
                "Orphan       no\n",
                "Size         1.5 MiB (1572864 bytes)\n",
                "SHA-256      " + "ab".repeat(32) + "\n",
                "Legs         1\n",
                "  Leg        NEAR ",
                "  Call-ID    a1b2@10.0.0.1\n",
                "  Ended      2026-11-25T11:02:03Z (BYE)\n",
                "  Media from 10.0.0.5:24000\n",
                "  Packets    received 186150, lost 12, duplicate 1, late 2, unexpected source 0, malformed 0, "
                        + "events 4, comfort noise 9\n",
                "  SSRC changes 1\n");
    }

    @Test
    void anActiveRecordingShowsDashesWhereNothingIsKnownYet() {
        Output out = new Output();

        RecordingReport.print(Recordings.active(ID, Instant.parse("2026-11-25T10:00:00Z"), "1001"), out.stream());

        assertThat(out.text()).contains("Ended        -\n", "Duration     -\n", "Size         -\n",
                "SHA-256      -\n", "Legs         0\n");
    }
}
