package org.forkline.api.replication;

/** Replication progress for {@code forkline:cluster} and {@code GET /api/v1/cluster} (implemented by replication). */
public interface ReplicationStatusService {

    ReplicationStatus status();
}
