package org.forkline.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.forkline.api.node.NodeStatus;
import org.forkline.testing.FixedNodeStatus;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    private final FixedNodeStatus node = new FixedNodeStatus();

    @Test
    void aHealthyNodeShowsEveryCounterOnAlignedLines() {
        String text = print(node.status());

        assertThat(text).isEqualTo("""
                Node         node1
                Can record   yes
                Drained      no
                Calls        3 active (6 legs), channel limit 200
                Storage      46.6 GiB free (minimum 1.0 GiB), writable, database up
                Recordings   3 active, 1 waiting to be sealed
                Media        6 sessions, 12 of 2000 ports in use
                Packets      received 1000, lost 5, duplicate 1, late 2, unexpected source 3, malformed 4, \
                events 6, comfort noise 7
                """);
    }

    @Test
    void aNodeThatCannotRecordListsItsProblems() {
        node.problems("storage: disk below 1 GB", "database down");

        assertThat(print(node.status())).contains("Can record   NO\n", "Problem      storage: disk below 1 GB\n",
                "Problem      database down\n");
    }

    @Test
    void unknownStorageAndMediaAreSaidSo() {
        NodeStatus bare = new NodeStatus("n2", true, List.of(), false, 0, 0, 10, null, null);

        assertThat(print(bare)).contains("Storage      unknown", "Media        unknown").doesNotContain("Packets");
    }

    @Test
    void theDrainLineSaysWhatHappensToCalls() {
        node.setDrained(true);
        assertThat(StatusReport.drainLine(node.status())).isEqualTo("node1 drained: INVITE and OPTIONS are answered "
                + "503; calls in progress continue. Resume with forkline:drain --off");

        node.setDrained(false);
        assertThat(StatusReport.drainLine(node.status())).isEqualTo("node1 resumed: new calls are accepted");

        node.problems("disk low", "database down");
        assertThat(StatusReport.drainLine(node.status()))
                .isEqualTo("node1 resumed, but it cannot record: disk low; database down");
    }

    private static String print(NodeStatus status) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusReport.print(status, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
