package org.forkline.web.internal.json;

/** Replication totals of this node. */
public record ReplicationJson(boolean catchingUp, long appliedChanges, long pendingChanges) {
}
