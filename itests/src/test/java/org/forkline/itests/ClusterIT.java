package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.forkline.itests.support.ClusterCalls;
import org.forkline.itests.support.ClusterView;
import org.forkline.itests.support.ForklineCluster;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.RecordingJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes of the distribution form one cluster (DESIGN.md "Cluster"): the configured primary leads, a second
 * primary is refused, a backup leads only after the primary was gone for the grace period, and the primary takes the
 * lead back when it returns. The tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final int GRACE_SECONDS = 3;
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(40);
    /** Long enough for both bundle restarts and the grace-period watch to happen inside the call. */
    private static final long CALL_MILLIS = 12_000;

    private static ForklineCluster cluster;
    private static ForklineNode primary;
    private static ForklineNode backup1;
    private static ForklineNode backup2;

    @BeforeAll
    static void startCluster() {
        cluster = new ForklineCluster(NODES).graceSeconds(GRACE_SECONDS);
        cluster.member("c1", "primary", 100);
        cluster.member("c2", "backup", 10);
        cluster.member("c3", "backup", 20);
        List<ForklineNode> nodes = cluster.startAll();
        primary = nodes.get(0);
        backup1 = nodes.get(1);
        backup2 = nodes.get(2);
    }

    @Test
    @Order(1)
    void threeNodesFormOneViewAndTheConfiguredPrimaryLeads() throws Exception {
        for (ForklineNode node : cluster.nodes()) {
            await().atMost(VIEW_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                ClusterView view = ClusterView.of(node);
                assertThat(view.upNodeIds()).as(view.toString()).containsExactly("it-c1", "it-c2", "it-c3");
                assertThat(view.leader()).isEqualTo("it-c1");
                assertThat(view.problems()).isEmpty();
            });
        }
        ClusterView.Member c2 = ClusterView.of(backup2).member("it-c2").orElseThrow();
        assertThat(c2.role()).isEqualTo("backup");
        assertThat(c2.priority()).isEqualTo(10);
        assertThat(c2.endpoint()).isEqualTo("http://127.0.0.1:" + backup1.httpPort());

        String shell = backup1.shell().run("forkline:cluster");
        assertThat(shell).contains("Leader       it-c1 since").contains("it-c2 (this)").contains("it-c3");
    }

    @Test
    @Order(2)
    void aSecondPrimaryIsRefusedAndTheLeaderStays() throws Exception {
        cluster.member("c4", "primary", 1);
        ForklineNode second = cluster.startAll().get(0);

        for (ForklineNode node : List.of(primary, second)) {
            await().atMost(VIEW_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                ClusterView view = ClusterView.of(node);
                assertThat(view.member("it-c4").orElseThrow().up()).isTrue();
                assertThat(view.member("it-c4").orElseThrow().roleRefused()).isTrue();
                assertThat(view.leader()).isEqualTo("it-c1");
                assertThat(view.problems()).anySatisfy(p -> assertThat(p).contains("it-c4").contains("it-c1"));
            });
        }
        assertThat(ItLogs.read(second)).contains("ERROR").contains("Node it-c4 is configured as primary but node "
                + "it-c1 already holds the primary role");
    }

    @Test
    @Order(3)
    void afterKill9OfThePrimaryABackupLeadsOnlyAfterTheGracePeriodAndThePrimaryTakesItBack() throws Exception {
        long killedAt = System.nanoTime();
        primary.kill9();

        AtomicBoolean sawNoLeader = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> {
                    ClusterView view = ClusterView.of(backup2);
                    if (view.leader() == null) {
                        sawNoLeader.set(true);
                    }
                    assertThat(view.member("it-c1").orElseThrow().up()).isFalse();
                    assertThat(view.leader()).isEqualTo("it-c2");
                });
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertThat(seconds).as("seconds from kill -9 to a new leader").isGreaterThanOrEqualTo(GRACE_SECONDS - 1.0);
        assertThat(sawNoLeader).as("no leader during the grace period").isTrue();
        // each node decides on its own 500 ms tick: the new leader itself may say so a moment later
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> {
                    ClusterView view = ClusterView.of(backup1);
                    ClusterView.Member gone = view.member("it-c1").orElseThrow();
                    assertThat(gone.up()).isFalse();
                    assertThat(gone.lastSeen()).isNotNull();
                    assertThat(view.leader()).isEqualTo("it-c2");
                });

        primary.startAndWait();

        for (ForklineNode node : List.of(primary, backup1, backup2)) {
            await().atMost(VIEW_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                ClusterView view = ClusterView.of(node);
                assertThat(view.member("it-c1").orElseThrow().up()).isTrue();
                assertThat(view.member("it-c1").orElseThrow().roleRefused()).isFalse();
                assertThat(view.leader()).isEqualTo("it-c1");
            });
        }
    }

    @Test
    @Order(4)
    void restartingTheHaAndReplicationBundlesOfThePrimaryDuringACallMovesNoLeaderAndDropsNoRecording()
            throws Exception {
        await().atMost(VIEW_TIMEOUT).ignoreExceptions()
                .until(() -> "it-c1".equals(ClusterView.of(backup1).leader()));
        primary.addRecordingUser("1001", "Restart User");
        ClusterCalls.Placed call = ClusterCalls.start(primary, "1001", "29604001", CALL_MILLIS);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> primary.rest().health().activeCalls().orElse(0) == 1);

        primary.shell().run("bundle:restart org.forkline.ha");
        primary.shell().run("bundle:restart org.forkline.replication");

        long until = System.nanoTime() + Duration.ofSeconds(GRACE_SECONDS + 2).toNanos();
        while (System.nanoTime() < until) {
            for (ForklineNode backup : List.of(backup1, backup2)) {
                String leader = ClusterView.of(backup).leader();
                assertThat(leader).as("leader seen by %s", backup.nodeId()).isIn("it-c1", null);
            }
        }
        await().atMost(VIEW_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(ClusterView.of(primary).leader()).isEqualTo("it-c1");
            assertThat(ClusterView.of(backup1).leader()).isEqualTo("it-c1");
        });

        // the call went on through both restarts: whole, and replicated by the restarted replication bundle
        RecordingJson recording = call.awaitSealed();
        assertThat(recording.orphan()).isFalse();
        assertThat(recording.durationMillis()).isBetween(CALL_MILLIS - 300, CALL_MILLIS + 1000);
        for (ForklineNode backup : List.of(backup1, backup2)) {
            ClusterCalls.awaitCopy(backup, recording, Duration.ofSeconds(30));
        }
    }

    /** karaf.log of a node. */
    private static final class ItLogs {
        static String read(ForklineNode node) throws java.io.IOException {
            return java.nio.file.Files.readString(node.karafLog());
        }
    }
}
