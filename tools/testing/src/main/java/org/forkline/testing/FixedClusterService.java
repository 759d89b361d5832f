package org.forkline.testing;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.forkline.api.cluster.ClusterMember;
import org.forkline.api.cluster.ClusterService;
import org.forkline.api.cluster.ClusterState;
import org.forkline.api.cluster.NodeRole;

/**
 * The ha bundle's cluster service with a settable state (default: node1 primary and leader, node2 backup up,
 * node3 backup down); broadcasts are recorded, not sent.
 */
public final class FixedClusterService implements ClusterService {

    /** A broadcast this fake was asked to send. */
    public record Broadcast(String topic, byte[] payload) {
    }

    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final List<Broadcast> broadcasts = new CopyOnWriteArrayList<>();
    private volatile ClusterState state = new ClusterState("node1", "node1", NOW.minusSeconds(3600), List.of(
            new ClusterMember("node1", NodeRole.PRIMARY, 100, URI.create("http://127.0.0.1:8181"), true, NOW, false),
            new ClusterMember("node2", NodeRole.BACKUP, 10, URI.create("http://127.0.0.1:8182"), true, NOW, false),
            new ClusterMember("node3", NodeRole.BACKUP, 20, URI.create("http://127.0.0.1:8183"), false,
                    NOW.minusSeconds(60), false)), List.of());

    public void state(ClusterState state) {
        this.state = state;
    }

    public List<Broadcast> broadcasts() {
        return List.copyOf(broadcasts);
    }

    @Override
    public ClusterState state() {
        return state;
    }

    @Override
    public void broadcast(String topic, byte[] payload) {
        broadcasts.add(new Broadcast(topic, payload.clone()));
    }
}
