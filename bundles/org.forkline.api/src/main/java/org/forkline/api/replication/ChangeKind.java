package org.forkline.api.replication;

/** What one entry of a node's change log records. */
public enum ChangeKind {
    /** A recording was sealed; the payload recreates its row (with SHA-256, size and legs). */
    RECORDING_SEALED,
    /** A recording was deleted (tombstone); it wins over its sealed change whatever the order they arrive in. */
    RECORDING_DELETED,
    /** A recording user was added or changed; last writer wins by (created at, origin). */
    USER_SAVED,
    /** A recording user was removed; last writer wins by (created at, origin). */
    USER_REMOVED
}
