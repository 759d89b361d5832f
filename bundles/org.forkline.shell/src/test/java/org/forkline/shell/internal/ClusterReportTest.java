package org.forkline.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.forkline.api.cluster.ClusterState;
import org.forkline.api.replication.PeerReplication;
import org.forkline.api.replication.ReplicationStatus;
import org.forkline.testing.FixedClusterService;
import org.junit.jupiter.api.Test;

class ClusterReportTest {

    private final FixedClusterService cluster = new FixedClusterService();

    @Test
    void showsLeaderAndOneRowPerNode() {
        String text = print(cluster.state(), null);

        assertThat(text).startsWith("Node         node1\nLeader       node1 since 2026-11-25T09:00:00Z\n");
        assertThat(text).containsPattern("node1 \\(this\\)\\s+\\| primary\\s+\\|\\s+100 \\| up\\s+\\| "
                + "2026-11-25T10:00:00Z \\| yes");
        assertThat(text).containsPattern("node3\\s+\\| backup\\s+\\|\\s+20 \\| DOWN\\s+\\| 2026-11-25T09:59:00Z");
        assertThat(text).doesNotContain("Backlog", "Replication");
    }

    @Test
    void showsProblemsARefusedRoleAndNoLeader() {
        ClusterState state = cluster.state();
        var members = new java.util.ArrayList<>(state.members());
        var node2 = members.get(1);
        members.set(1, new org.forkline.api.cluster.ClusterMember(node2.nodeId(),
                org.forkline.api.cluster.NodeRole.PRIMARY, 1, node2.endpoint(), true, node2.lastSeen(), true));
        String text = print(new ClusterState("node1", null, null, members, List.of("node2 is refused")), null);

        assertThat(text).contains("Leader       none", "Problem      node2 is refused", "primary (REFUSED)");
    }

    @Test
    void showsReplicationPerPeerWhenPresent() {
        ReplicationStatus replication = new ReplicationStatus(List.of(
                new PeerReplication("node2", 7, Duration.ofSeconds(75), Instant.parse("2026-11-25T09:59:58Z"), null),
                new PeerReplication("node3", 0, Duration.ZERO, null, "connection refused")), true, 42, 7);

        String text = print(cluster.state(), replication);

        assertThat(text).contains("Backlog", "Lag", "failed: connection refused",
                "Replication  catching up, 42 changes applied since start, 7 pending");
        assertThat(text).containsPattern("node2\\s+\\|.*\\|\\s+7 \\|\\s+0:01:15 \\| 2026-11-25T09:59:58Z");
    }

    private static String print(ClusterState state, ReplicationStatus replication) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClusterReport.print(state, replication, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
