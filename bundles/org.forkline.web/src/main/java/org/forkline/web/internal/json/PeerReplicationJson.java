package org.forkline.web.internal.json;

/** How far this node is behind one peer; {@code lagMillis} is the age of the oldest change not applied yet. */
public record PeerReplicationJson(long backlogChanges, long lagMillis, String lastPull, String lastError) {
}
