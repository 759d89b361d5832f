package org.forkline.api.replication;

import java.util.List;

/**
 * Replication as this node sees it.
 *
 * @param peers           one entry per peer this node pulls from, ordered by node id
 * @param catchingUp      true while this node is behind by more than a few changes (e.g. a late joiner)
 * @param appliedChanges  changes applied since this node started
 * @param pendingChanges  changes known to exist on peers and not applied yet
 */
public record ReplicationStatus(List<PeerReplication> peers, boolean catchingUp, long appliedChanges,
        long pendingChanges) {

    public ReplicationStatus {
        peers = List.copyOf(peers);
    }
}
