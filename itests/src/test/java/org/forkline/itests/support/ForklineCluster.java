package org.forkline.itests.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Nodes of one cluster on this host: each member gets its own JGroups port, every member lists all members as
 * peers, all share a secret and a (short) grace period. Members added after {@link #startAll()} join the running
 * cluster (late joiners).
 *
 * <pre>{@code
 * ForklineCluster cluster = new ForklineCluster(NODES).graceSeconds(3);
 * cluster.member("c1", "primary", 100);
 * cluster.member("c2", "backup", 10).config("org.forkline.storage", "pairingWaitSeconds", 3);
 * List<ForklineNode> nodes = cluster.startAll();
 * }</pre>
 */
public final class ForklineCluster {

    private final ForklineNodes owner;
    private final List<NodeBuilder> members = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<ForklineNode> nodes = new ArrayList<>();
    private String secret = "it-cluster-secret";
    private int graceSeconds = 3;

    /** @param owner the test class's nodes: they are stopped after the class */
    public ForklineCluster(ForklineNodes owner) {
        this.owner = owner;
    }

    public ForklineCluster secret(String sharedSecret) {
        this.secret = sharedSecret;
        return this;
    }

    public ForklineCluster graceSeconds(int seconds) {
        this.graceSeconds = seconds;
        return this;
    }

    /** Adds a member (node id {@code it-<name>}); returns its builder for more settings. */
    public NodeBuilder member(String name, String role, int priority) {
        int port = FreePorts.serviceWithCompanion(ForklineNode.FAILURE_DETECTION_OFFSET);
        NodeBuilder builder = ForklineNode.builder(name).clusterPort(port)
                .env("FORKLINE_ROLE", role)
                .env("FORKLINE_PRIORITY", priority)
                .env("FORKLINE_CLUSTER_GRACE_SECONDS", graceSeconds);
        members.add(builder);
        ports.add(port);
        return builder;
    }

    /** Creates the nodes of every member added so far and not yet created, without starting them. */
    public synchronized List<ForklineNode> build() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            entries.add(members.get(i).address() + ":" + ports.get(i));
        }
        String peers = String.join(",", entries);
        List<ForklineNode> created = new ArrayList<>();
        for (int i = nodes.size(); i < members.size(); i++) {
            NodeBuilder builder = members.get(i).env("FORKLINE_CLUSTER_PEERS", peers)
                    .env("FORKLINE_CLUSTER_SECRET", secret);
            ForklineNode node = owner.add(builder.build());
            nodes.add(node);
            created.add(node);
        }
        return created;
    }

    /** Creates the members not created yet, starts them all at once and waits until each is up. */
    public List<ForklineNode> startAll() {
        List<ForklineNode> created = build();
        created.forEach(ForklineNode::start);
        created.forEach(ForklineNode::waitUntilUp);
        return created;
    }

    /** Every node created so far, in the order the members were added. */
    public synchronized List<ForklineNode> nodes() {
        return List.copyOf(nodes);
    }
}
