package org.forkline.api.cluster;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One node as this node sees it.
 *
 * @param nodeId       the node's configured id
 * @param role         configured role
 * @param priority     configured priority among backups, lower takes the jobs first
 * @param endpoint     base URL of the node's HTTP server for node-to-node requests (e.g. {@code http://10.0.0.2:8181}),
 *                     null when the node was never seen
 * @param up           true while the node is a member of this node's view
 * @param lastSeen     last time the node was in this node's view (now for members), null if never seen
 * @param roleRefused  true when the node is configured as primary while another primary holds the role
 */
public record ClusterMember(String nodeId, NodeRole role, int priority, URI endpoint, boolean up, Instant lastSeen,
        boolean roleRefused) {

    public ClusterMember {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(role, "role");
    }
}
