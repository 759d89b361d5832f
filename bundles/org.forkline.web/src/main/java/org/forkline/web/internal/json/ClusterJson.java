package org.forkline.web.internal.json;

import java.util.List;

/**
 * The cluster as this node sees it ({@code GET /api/v1/cluster}); {@code replication} is null when the
 * replication bundle is not installed. Times are ISO-8601 UTC strings.
 */
public record ClusterJson(
        String nodeId,
        String leader,
        String leaderSince,
        List<String> problems,
        List<ClusterMemberJson> members,
        ReplicationJson replication) {
}
