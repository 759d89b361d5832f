package org.forkline.ha.internal;

import java.util.Objects;

import org.forkline.api.cluster.NodeRole;

/**
 * What a node announces about itself to the others.
 *
 * @param endpoint base URL for node-to-node HTTP, empty when unknown
 * @param refused  true once the node was refused the primary role (it then never leads)
 */
public record MemberCard(String nodeId, NodeRole role, int priority, String endpoint, boolean refused) {

    public MemberCard {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(role, "role");
        endpoint = endpoint == null ? "" : endpoint;
    }

    /** A primary that has not been refused. */
    boolean eligiblePrimary() {
        return role == NodeRole.PRIMARY && !refused;
    }

    MemberCard asRefused() {
        return new MemberCard(nodeId, role, priority, endpoint, true);
    }
}
