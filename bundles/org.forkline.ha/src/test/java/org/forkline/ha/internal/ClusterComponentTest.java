package org.forkline.ha.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.forkline.api.cluster.ClusterMember;
import org.forkline.api.cluster.ClusterMessageListener;
import org.forkline.api.cluster.ClusterState;
import org.forkline.api.cluster.NodeRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real JGroups channels on loopback, several nodes in this JVM. */
class ClusterComponentTest {

    private final List<ClusterComponent> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ClusterComponent component : started) {
            component.deactivate();
        }
    }

    @Test
    void threeNodesFormOneClusterThePrimaryLeadsAndBroadcastsArrive() throws Exception {
        List<int[]> ports = ports(3);
        ClusterComponent node1 = start("node1", NodeRole.PRIMARY, 100, ports, 0, "secret", 2);
        ClusterComponent node2 = start("node2", NodeRole.BACKUP, 10, ports, 1, "secret", 2);
        ClusterComponent node3 = start("node3", NodeRole.BACKUP, 20, ports, 2, "secret", 2);
        List<String> received = new CopyOnWriteArrayList<>();
        node3.addListener((from, payload) -> received.add(from + ":" + new String(payload)),
                Map.of(ClusterMessageListener.TOPIC_PROPERTY, "hint"));
        node2.addListener((from, payload) -> received.add("wrong topic"),
                Map.of(ClusterMessageListener.TOPIC_PROPERTY, new String[] {"other"}));

        for (ClusterComponent node : List.of(node1, node2, node3)) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ClusterState state = node.state();
                assertThat(state.members()).extracting(ClusterMember::nodeId, ClusterMember::up)
                        .containsExactly(tuple("node1", true), tuple("node2", true), tuple("node3", true));
                assertThat(state.leaderNodeId()).isEqualTo("node1");
                assertThat(state.problems()).isEmpty();
            });
        }
        assertThat(node3.state().member("node2").orElseThrow().endpoint())
                .isEqualTo(URI.create("http://127.0.0.1:8182"));

        node1.broadcast("hint", "hello".getBytes());

        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("node1:hello"));
        assertThat(received).containsExactly("node1:hello");

        stop(node1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ClusterMember gone = node3.state().member("node1").orElseThrow();
            assertThat(gone.up()).isFalse();
            assertThat(gone.lastSeen()).isNotNull();
            assertThat(node3.state().leaderNodeId()).isNull();
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(node2.state().leaderNodeId()).isEqualTo("node2");
            assertThat(node3.state().leaderNodeId()).isEqualTo("node2");
        });
    }

    @Test
    void aSecondPrimaryIsRefusedAndNeverLeads() throws Exception {
        List<int[]> ports = ports(2);
        ClusterComponent first = start("alpha", NodeRole.PRIMARY, 100, ports, 0, "secret", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "alpha".equals(first.state().leaderNodeId()));

        ClusterComponent second = start("beta", NodeRole.PRIMARY, 1, ports, 1, "secret", 1);

        for (ClusterComponent node : List.of(first, second)) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ClusterState state = node.state();
                assertThat(state.member("beta").orElseThrow().roleRefused()).isTrue();
                assertThat(state.member("beta").orElseThrow().up()).isTrue();
                assertThat(state.member("alpha").orElseThrow().roleRefused()).isFalse();
                assertThat(state.leaderNodeId()).isEqualTo("alpha");
                assertThat(state.problems()).anySatisfy(p -> assertThat(p).contains("beta").contains("alpha"));
            });
        }
        stop(first);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> second.state().leaderNodeId() == null);
    }

    @Test
    void aNodeWithAWrongSecretDoesNotJoin() throws Exception {
        List<int[]> ports = ports(2);
        ClusterComponent good = start("good", NodeRole.PRIMARY, 100, ports, 0, "right secret", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "good".equals(good.state().leaderNodeId()));

        ClusterComponent bad = start("bad", NodeRole.BACKUP, 1, ports, 1, "wrong secret", 1);

        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() ->
                good.state().member("bad").isEmpty() && bad.state().member("good").isEmpty());
        for (ClusterComponent node : List.of(good, bad)) {
            assertThat(node.state().problems()).as("problems of %s", node.state().localNodeId())
                    .anySatisfy(problem -> assertThat(problem).contains("no configured peer").contains("secret"));
        }
    }

    @Test
    void withoutPeersANodeIsAClusterOfOne() throws Exception {
        ClusterComponent alone = new ClusterComponent(null, ClusterSettings.from(new TestConfig()
                .with("role", "backup").with("graceSeconds", 1), "8181"), Clock.systemUTC());
        started.add(alone);

        assertThat(alone.state().leaderNodeId()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> "node1".equals(alone.state().leaderNodeId()));
        alone.broadcast("hint", new byte[] {1});
        assertThat(alone.state().members()).singleElement().satisfies(m -> assertThat(m.up()).isTrue());
    }

    @Test
    void peersWithoutSecretRunAloneAndSayWhy() throws Exception {
        ClusterComponent alone = new ClusterComponent(null, ClusterSettings.from(new TestConfig()
                .with("peers", "127.0.0.1:7801"), "8181"), Clock.systemUTC());
        started.add(alone);

        await().atMost(Duration.ofSeconds(5)).until(() -> "node1".equals(alone.state().leaderNodeId()));
        assertThat(alone.state().problems()).singleElement().asString().contains("secret is empty");
    }

    private ClusterComponent start(String nodeId, NodeRole role, int priority, List<int[]> ports, int index,
            String secret, int graceSeconds) throws Exception {
        List<InetSocketAddress> peers = ports.stream().map(p -> new InetSocketAddress("127.0.0.1", p[0])).toList();
        ClusterSettings settings = new ClusterSettings(nodeId, role, priority, InetAddress.getLoopbackAddress(),
                ports.get(index)[0], peers, secret, Duration.ofSeconds(graceSeconds),
                URI.create("http://127.0.0.1:" + (8181 + index)), ports.get(index)[1]);
        ClusterComponent component = new ClusterComponent(null, settings, Clock.systemUTC());
        started.add(component);
        return component;
    }

    private void stop(ClusterComponent component) throws InterruptedException {
        started.remove(component);
        component.deactivate();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    /** Per node: transport port and failure detection port, all free now. */
    private static List<int[]> ports(int nodes) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<int[]> ports = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(a);
                sockets.add(b);
                ports.add(new int[] {a.getLocalPort(), b.getLocalPort()});
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
