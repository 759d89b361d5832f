package org.forkline.ha.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.forkline.api.cluster.ClusterMember;
import org.forkline.api.cluster.NodeRole;
import org.junit.jupiter.api.Test;

/** The cluster thread's state machine with a hand-moved clock and no network. */
class ClusterNodeTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final List<MemberCard> sent = new ArrayList<>();
    private final List<Boolean> leadership = new ArrayList<>();
    private final ClusterNode.Effects effects = new ClusterNode.Effects() {
        @Override
        public void sendCard(MemberCard card) {
            sent.add(card);
        }

        @Override
        public void leadershipChanged(boolean leading, Instant since) {
            leadership.add(leading);
        }
    };

    @Test
    void aClusteredPrimaryDoesNotLeadBeforeItIsConnectedAndKnowsEveryCard() throws Exception {
        ClusterNode node = new ClusterNode(settings("node1", NodeRole.PRIMARY), clock, effects);
        node.tick();
        assertThat(node.state().leaderNodeId()).isNull();

        node.connected("k1", List.of("k2", "k1"));
        node.tick();
        assertThat(leadership).isEmpty();

        node.cardReceived("k2", card("node2", NodeRole.BACKUP));

        assertThat(node.state().leaderNodeId()).isEqualTo("node1");
        assertThat(leadership).containsExactly(true);
        assertThat(node.state().members()).extracting(ClusterMember::nodeId).containsExactly("node1", "node2");
    }

    @Test
    void aClusteredNodeThatStaysAloneLongerThanTheGraceSaysWhyItMayBe() throws Exception {
        ClusterNode node = new ClusterNode(settings("node2", NodeRole.BACKUP), clock, effects);
        node.connected("k2", List.of("k2"));
        node.tick();
        assertThat(node.state().problems()).isEmpty();

        clock.advance(Duration.ofSeconds(11));
        node.tick();
        assertThat(node.state().problems()).singleElement().asString().contains("no configured peer")
                .contains("secret");

        node.viewChanged(List.of("k1", "k2"));
        node.cardReceived("k1", card("node1", NodeRole.PRIMARY));
        assertThat(node.state().problems()).isEmpty();
    }

    @Test
    void aNewcomerConfiguredAsPrimaryIsRefusedSaysSoAndTellsTheOthers() throws Exception {
        ClusterNode node = new ClusterNode(settings("node9", NodeRole.PRIMARY), clock, effects);
        node.connected("k9", List.of("k1", "k9"));
        node.cardReceived("k1", card("node1", NodeRole.PRIMARY));

        assertThat(node.localCard().refused()).isTrue();
        assertThat(sent).singleElement().satisfies(card -> assertThat(card.refused()).isTrue());
        assertThat(leadership).isEmpty();
        assertThat(node.state().member("node9").orElseThrow().roleRefused()).isTrue();
        assertThat(node.state().problems()).singleElement().asString().contains("node9").contains("node1");
    }

    @Test
    void aNodeThatLeavesIsDownWithItsLastSeenTime() throws Exception {
        ClusterNode node = new ClusterNode(settings("node2", NodeRole.BACKUP), clock, effects);
        node.connected("k2", List.of("k1", "k2"));
        node.cardReceived("k1", card("node1", NodeRole.PRIMARY));
        clock.advance(Duration.ofSeconds(5));
        node.tick();

        node.viewChanged(List.of("k2"));
        clock.advance(Duration.ofSeconds(30));
        node.tick();

        ClusterMember node1 = node.state().member("node1").orElseThrow();
        assertThat(node1.up()).isFalse();
        assertThat(node1.lastSeen()).isEqualTo(T0.plusSeconds(5));
        assertThat(node.state().leaderNodeId()).isEqualTo("node2");
        assertThat(leadership).containsExactly(true);
    }

    @Test
    void aMemberWithoutACardIsLeftOutAfterTheCardWait() throws Exception {
        ClusterNode node = new ClusterNode(settings("node2", NodeRole.BACKUP), clock, effects);
        clock.advance(Duration.ofSeconds(20));
        node.connected("k2", List.of("k2", "kx"));
        node.tick();
        assertThat(node.state().leaderNodeId()).isNull();

        clock.advance(ClusterNode.CARD_WAIT);
        node.tick();

        assertThat(node.state().leaderNodeId()).isEqualTo("node2");
    }

    private static MemberCard card(String nodeId, NodeRole role) {
        return new MemberCard(nodeId, role, 100, "http://127.0.0.1:8181", false);
    }

    private static ClusterSettings settings(String nodeId, NodeRole role) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new ClusterSettings(nodeId, role, 50, loopback, 7800, List.of(new InetSocketAddress(loopback, 7800),
                new InetSocketAddress(loopback, 7801)), "secret", Duration.ofSeconds(10),
                URI.create("http://127.0.0.1:8181"), 7900);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = T0;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
