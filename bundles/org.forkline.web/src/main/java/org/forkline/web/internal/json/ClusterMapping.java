package org.forkline.web.internal.json;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.forkline.api.cluster.ClusterMember;
import org.forkline.api.cluster.ClusterState;
import org.forkline.api.replication.PeerReplication;
import org.forkline.api.replication.ReplicationStatus;

/** Maps the cluster state and the optional replication status to {@link ClusterJson}. */
public final class ClusterMapping {

    private ClusterMapping() {
    }

    /** @param replication null when the replication bundle is not there */
    public static ClusterJson cluster(ClusterState state, ReplicationStatus replication) {
        Map<String, PeerReplication> peers = replication == null ? Map.of()
                : replication.peers().stream().collect(Collectors.toMap(PeerReplication::nodeId,
                        Function.identity(), (a, b) -> a));
        return new ClusterJson(state.localNodeId(), state.leaderNodeId(), JsonMapping.instant(state.leaderSince()),
                state.problems(), state.members().stream().map(m -> member(m, state, peers.get(m.nodeId())))
                        .toList(),
                replication == null ? null : new ReplicationJson(replication.catchingUp(),
                        replication.appliedChanges(), replication.pendingChanges()));
    }

    private static ClusterMemberJson member(ClusterMember m, ClusterState state, PeerReplication peer) {
        return new ClusterMemberJson(m.nodeId(), m.role().name().toLowerCase(Locale.ROOT), m.priority(), m.up(),
                JsonMapping.instant(m.lastSeen()), m.nodeId().equals(state.leaderNodeId()), m.roleRefused(),
                m.endpoint() == null ? null : m.endpoint().toString(), peer == null ? null
                        : new PeerReplicationJson(peer.backlogChanges(),
                                peer.lag() == null ? 0 : peer.lag().toMillis(), JsonMapping.instant(peer.lastPull()),
                                peer.lastError()));
    }
}
