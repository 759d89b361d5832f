package org.forkline.api.replication;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the append-only change log of its origin node.
 *
 * @param origin    the node where the change was made
 * @param sequence  its number in the origin's log: 1, 2, 3, ... without gaps
 * @param kind      what changed
 * @param key       the recording id or the user's number
 * @param createdAt when the origin made the change (for users: the last-writer-wins timestamp)
 * @param payload   compact text written and read by the storage bundle only; empty for deletions
 */
public record Change(String origin, long sequence, ChangeKind kind, String key, Instant createdAt, String payload) {

    public Change {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(createdAt, "createdAt");
        payload = payload == null ? "" : payload;
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
    }
}
