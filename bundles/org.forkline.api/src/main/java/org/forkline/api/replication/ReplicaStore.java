package org.forkline.api.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage side of replication (implemented by the storage bundle): the change log of every origin this node
 * knows, and the idempotent application of a peer's change. Local changes are appended by the storage itself, in
 * the transaction of the change; after each one it posts an event on {@link #TOPIC_LOCAL_CHANGE}.
 */
public interface ReplicaStore {

    /** EventAdmin topic posted after a local change was committed (properties: origin, sequence). */
    String TOPIC_LOCAL_CHANGE = "org/forkline/replication/LOCAL_CHANGE";

    /** What {@link #apply} did. */
    enum ApplyResult {
        /** Stored, with its effect (or without one, when a newer change or a tombstone wins). */
        APPLIED,
        /** This origin's change with this sequence was already stored: nothing done. */
        ALREADY_APPLIED,
        /** An earlier change of the same origin is missing: nothing done, apply that one first. */
        OUT_OF_ORDER
    }

    String localNodeId();

    /** Highest sequence stored per origin (this node's own included); the log of each origin has no gaps. */
    Map<String, Long> watermarks();

    /**
     * Stored changes with a sequence above the given watermark of their origin (origins not named: all), each
     * origin's in sequence order, at most {@code limit}.
     */
    List<Change> changesAfter(Map<String, Long> watermarks, int limit);

    /** The file of a sealed recording stored here; empty when there is none (unknown, not sealed, deleted). */
    Optional<ReplicaMedia> media(UUID recordingId);

    /** True when applying {@code change} needs the recording's file (a sealed recording not stored, not deleted). */
    boolean needsMedia(Change change);

    /** Folder, on the data folder's file system, where replication stages downloaded files. */
    Path stagingFolder();

    /**
     * Applies a peer's change idempotently, storing it with its origin and sequence so that this node serves it too.
     * For a {@link ChangeKind#RECORDING_SEALED} that {@link #needsMedia needs media}, {@code stagedMedia} is the
     * downloaded file: its SHA-256 is verified, then it is moved into place and committed with the row and the change;
     * null means the peer has no file any more (the recording was deleted there and its tombstone follows), and only
     * the change is stored.
     *
     * @throws IOException when the file does not match the change's size or SHA-256, or cannot be moved or committed
     */
    ApplyResult apply(Change change, Path stagedMedia) throws IOException;
}
