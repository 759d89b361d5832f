package org.forkline.web.internal.json;

/**
 * One node of the cluster; {@code replication} is this node's progress in pulling from it, null for this node
 * itself and when the replication bundle is not installed.
 */
public record ClusterMemberJson(
        String nodeId,
        String role,
        int priority,
        boolean up,
        String lastSeen,
        boolean leader,
        boolean roleRefused,
        String endpoint,
        PeerReplicationJson replication) {
}
