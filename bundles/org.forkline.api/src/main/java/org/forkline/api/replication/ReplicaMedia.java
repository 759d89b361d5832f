package org.forkline.api.replication;

import java.nio.file.Path;

/**
 * The stored file of a sealed recording, for serving it to a peer.
 *
 * @param file      the file
 * @param sizeBytes its size as committed
 * @param sha256    its hex SHA-256 as committed
 */
public record ReplicaMedia(Path file, long sizeBytes, String sha256) {
}
