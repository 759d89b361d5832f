package org.forkline.api.replication;

import java.time.Duration;
import java.time.Instant;

/**
 * How far this node is behind one peer.
 *
 * @param nodeId         the peer
 * @param backlogChanges changes the peer has that this node has not applied yet (as of the last pull)
 * @param lag            age of the oldest change not applied yet; zero when caught up
 * @param lastPull       when this node last pulled from the peer successfully, null if never
 * @param lastError      why the last pull failed, null when it succeeded
 */
public record PeerReplication(String nodeId, long backlogChanges, Duration lag, Instant lastPull, String lastError) {
}
