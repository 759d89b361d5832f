package org.forkline.replication.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.forkline.api.cluster.ClusterMember;
import org.forkline.api.cluster.ClusterService;
import org.forkline.api.cluster.ClusterState;
import org.forkline.api.cluster.NodeRole;
import org.forkline.api.replication.ReplicaStore;
import org.forkline.storage.internal.TestStorage;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Nodes in one JVM, each with a real storage, its node-to-node servlet on a loopback Jetty and its replication; the
 * membership and the hints (the ha bundle's job) are faked: every started node is up until stopped.
 */
final class TestCluster implements AutoCloseable {

    static final String SECRET = "test-cluster-secret";

    /** One node. */
    final class Node implements ClusterService, EventAdmin {
        final String id;
        final TestStorage storage;
        final Server jetty;
        final URI endpoint;
        volatile ReplicationComponent replication;

        Node(String id, Path dataDir) throws Exception {
            this.id = id;
            this.storage = TestStorage.start(dataDir, id, this);
            this.jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
            ServletContextHandler context = new ServletContextHandler();
            context.addServlet(new ServletHolder(new NodeEndpointServlet(storage.storage, config(Map.of()))),
                    "/cluster/v1/*");
            jetty.setHandler(context);
            jetty.start();
            this.endpoint = URI.create("http://127.0.0.1:" + jetty.getURI().getPort());
        }

        @Override
        public ClusterState state() {
            List<ClusterMember> members = new ArrayList<>();
            nodes.values().forEach(n -> members.add(new ClusterMember(n.id, NodeRole.BACKUP, 100, n.endpoint, true,
                    Instant.now(), false)));
            members.sort((a, b) -> a.nodeId().compareTo(b.nodeId()));
            return new ClusterState(id, null, null, members, List.of());
        }

        @Override
        public void broadcast(String topic, byte[] payload) {
            for (Node other : nodes.values()) {
                if (other != this && other.replication != null) {
                    hints.execute(() -> other.replication.onMessage(id, payload));
                }
            }
        }

        @Override
        public void postEvent(Event event) {
            sendEvent(event);
        }

        @Override
        public void sendEvent(Event event) {
            if (event.getTopic().equals(ReplicaStore.TOPIC_LOCAL_CHANGE) && replication != null) {
                replication.handleEvent(event);
            }
        }

        void stop() throws Exception {
            nodes.remove(id);
            if (replication != null) {
                replication.deactivate();
            }
            jetty.stop();
            storage.close();
        }
    }

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final ExecutorService hints = Executors.newSingleThreadExecutor();

    /** Starts a node with its replication configured by {@code overrides}. */
    Node start(String id, Path dataDir, Map<String, Object> overrides) throws Exception {
        Node node = new Node(id, dataDir);
        nodes.put(id, node);
        node.replication = new ReplicationComponent(node, node.storage.storage, config(overrides));
        return node;
    }

    static ReplicationConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("secret", SECRET, "pullIntervalSeconds", 1,
                "maxRetrySeconds", 2));
        values.putAll(overrides);
        return annotation(ReplicationConfig.class, values);
    }

    static <A extends Annotation> A annotation(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> type;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> type.getSimpleName() + values;
                    };
                }));
    }

    @Override
    public void close() throws Exception {
        for (Node node : List.copyOf(nodes.values())) {
            node.stop();
        }
        hints.shutdownNow();
        hints.awaitTermination(10, TimeUnit.SECONDS);
    }
}
