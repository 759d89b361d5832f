package org.forkline.api.cluster;

/** Membership and node-to-node messages (implemented by the ha bundle). */
public interface ClusterService {

    ClusterState state();

    /**
     * Sends a small message (a hint, not data: at most a few kB) to every other live member, best effort and
     * without blocking the caller on the network. Members deliver it to their {@link ClusterMessageListener}s
     * registered for {@code topic}.
     */
    void broadcast(String topic, byte[] payload);
}
