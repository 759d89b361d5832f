package org.forkline.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.table.Row;
import org.apache.karaf.shell.support.table.ShellTable;
import org.forkline.api.cluster.ClusterMember;
import org.forkline.api.cluster.ClusterState;
import org.forkline.api.replication.PeerReplication;
import org.forkline.api.replication.ReplicationStatus;

/** Writes the cluster as this node sees it ({@code forkline:cluster}): leader, problems, one row per node. */
public final class ClusterReport {

    private ClusterReport() {
    }

    /** @param replication null when the replication bundle is not there: its columns are left out */
    public static void print(ClusterState state, ReplicationStatus replication, PrintStream out) {
        StatusReport.line(out, "Node", state.localNodeId());
        StatusReport.line(out, "Leader", state.leaderNodeId() == null
                ? "none (the leader is gone for less than the grace period)"
                : state.leaderNodeId() + " since " + Formats.instant(state.leaderSince()));
        for (String problem : state.problems()) {
            StatusReport.line(out, "Problem", problem);
        }
        Map<String, PeerReplication> peers = replication == null ? Map.of()
                : replication.peers().stream().collect(Collectors.toMap(PeerReplication::nodeId,
                        Function.identity(), (a, b) -> a));
        ShellTable table = new ShellTable();
        table.column("Node");
        table.column("Role");
        table.column("Priority").alignRight();
        table.column("State");
        table.column("Last seen");
        table.column("Leader");
        table.column("Endpoint");
        if (replication != null) {
            table.column("Backlog").alignRight();
            table.column("Lag").alignRight();
            table.column("Last pull");
        }
        for (ClusterMember m : state.members()) {
            String role = m.role().name().toLowerCase(Locale.ROOT) + (m.roleRefused() ? " (REFUSED)" : "");
            String self = m.nodeId().equals(state.localNodeId()) ? " (this)" : "";
            Row row = table.addRow();
            row.addContent(m.nodeId() + self, role, m.priority(), m.up() ? "up" : "DOWN",
                    Formats.instant(m.lastSeen()), m.nodeId().equals(state.leaderNodeId()) ? "yes" : "",
                    Formats.text(m.endpoint()));
            if (replication != null) {
                PeerReplication peer = peers.get(m.nodeId());
                if (peer == null) {
                    row.addContent("", "", "");
                } else {
                    row.addContent(peer.backlogChanges(), lag(peer.lag()), peer.lastError() != null
                            ? "failed: " + peer.lastError() : Formats.instant(peer.lastPull()));
                }
            }
        }
        table.print(out);
        if (replication != null) {
            StatusReport.line(out, "Replication", (replication.catchingUp() ? "catching up, " : "")
                    + replication.appliedChanges() + " changes applied since start, "
                    + replication.pendingChanges() + " pending");
        }
    }

    private static String lag(Duration lag) {
        return lag == null ? "-" : Formats.duration(lag.toMillis());
    }
}
