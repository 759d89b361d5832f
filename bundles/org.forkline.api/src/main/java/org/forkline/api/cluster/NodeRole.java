package org.forkline.api.cluster;

/** Configured role of a node: CUCM routes calls to the primary first and to backups only on failover. */
public enum NodeRole {
    PRIMARY,
    BACKUP
}
