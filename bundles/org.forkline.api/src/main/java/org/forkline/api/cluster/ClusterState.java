package org.forkline.api.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as this node sees it.
 *
 * @param localNodeId  this node's id
 * @param leaderNodeId the jobs leader, null while there is none (the primary is gone for less than the grace period)
 * @param leaderSince  since when {@code leaderNodeId} leads, null when there is no leader
 * @param members      every node this node knows of (itself included), ordered by node id
 * @param problems     operator-readable problems (role conflict, missing secret, ...), empty when healthy
 */
public record ClusterState(String localNodeId, String leaderNodeId, Instant leaderSince, List<ClusterMember> members,
        List<String> problems) {

    public ClusterState {
        members = List.copyOf(members);
        problems = List.copyOf(problems);
    }

    public Optional<ClusterMember> member(String nodeId) {
        return members.stream().filter(m -> m.nodeId().equals(nodeId)).findFirst();
    }

    /** Members that are up, this node excluded. */
    public List<ClusterMember> livePeers() {
        return members.stream().filter(m -> m.up() && !m.nodeId().equals(localNodeId)).toList();
    }
}
