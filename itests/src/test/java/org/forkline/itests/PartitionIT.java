package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.forkline.itests.support.ClusterCalls;
import org.forkline.itests.support.ClusterView;
import org.forkline.itests.support.Firewall;
import org.forkline.itests.support.ForklineCluster;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.RecordingJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A partition between the primary and both backups during calls, then a heal (issue 3): each node binds SIP, RTP and
 * JGroups to its own loopback address and iptables drops the packets between {p1} and {p2, p3}. Both sides record,
 * the backup side elects its own leader after the grace period (DESIGN.md allows that split brain); after the rules
 * are removed the group merges into one view led by the primary and every recording is on every node exactly once.
 * The tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final int GRACE_SECONDS = 3;
    private static final String USER = "1001";
    private static final long CALL_MILLIS = 2500;
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration REPLICATION_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> ALL = List.of("it-p1", "it-p2", "it-p3");

    private static boolean firewallUsable;
    private static ForklineNode primary;
    private static ForklineNode backup1;
    private static ForklineNode backup2;
    private static List<ForklineNode> all;
    private static final List<RecordingJson> RECORDED = new ArrayList<>();
    private static RecordingJson onPrimarySide;
    private static RecordingJson onBackupSide;

    @BeforeAll
    static void startClusterOnThreeAddresses() {
        Firewall.requireUsable();
        firewallUsable = true;
        Firewall.removeAll();
        ForklineCluster cluster = new ForklineCluster(NODES).graceSeconds(GRACE_SECONDS);
        for (String[] member : new String[][] {{"p1", "primary", "100", "127.0.0.21"},
                {"p2", "backup", "10", "127.0.0.22"}, {"p3", "backup", "20", "127.0.0.23"}}) {
            cluster.member(member[0], member[1], Integer.parseInt(member[2])).address(member[3])
                    .config("org.forkline.storage", "pairingWaitSeconds", 3)
                    .config("org.forkline.replication", "pullIntervalSeconds", 2);
        }
        all = cluster.startAll();
        primary = all.get(0);
        backup1 = all.get(1);
        backup2 = all.get(2);
        for (ForklineNode node : all) {
            awaitView(node, ALL, "it-p1");
        }
        primary.addRecordingUser(USER, "Partition User");
        ClusterCalls.awaitUser(backup1, USER, REPLICATION_TIMEOUT);
        ClusterCalls.awaitUser(backup2, USER, REPLICATION_TIMEOUT);
    }

    @AfterAll
    static void removeTheRules() {
        if (firewallUsable) {
            Firewall.removeAll();
        }
    }

    @Test
    @Order(1)
    void cuttingThePrimaryOffSplitsTheGroupAndTheBackupSideElectsALeaderAfterTheGrace() throws Exception {
        assertThat(ClusterView.of(backup1).member("it-p2").orElseThrow().endpoint())
                .as("node-to-node HTTP goes to the node's own address").isEqualTo("http://127.0.0.22:"
                        + backup1.httpPort());
        long cutAt = System.nanoTime();
        Firewall.cut(primary.address(), List.of(backup1.address(), backup2.address()));

        awaitView(primary, List.of("it-p1"), "it-p1");
        awaitView(backup1, List.of("it-p2", "it-p3"), "it-p2");
        awaitView(backup2, List.of("it-p2", "it-p3"), "it-p2");
        assertThat((System.nanoTime() - cutAt) / 1e9).as("seconds from the cut to a leader on the backup side")
                .isGreaterThanOrEqualTo(GRACE_SECONDS);
    }

    @Test
    @Order(2)
    void bothSidesRecordCallsAndReplicateOnlyWithinTheirSide() throws Exception {
        ClusterCalls.Placed a = ClusterCalls.start(primary, USER, "29701001", CALL_MILLIS);
        ClusterCalls.Placed b = ClusterCalls.start(backup1, USER, "29701002", CALL_MILLIS);
        onPrimarySide = a.awaitSealed();
        onBackupSide = b.awaitSealed();
        RECORDED.add(onPrimarySide);
        RECORDED.add(onBackupSide);
        assertThat(onPrimarySide.nodeId()).isEqualTo("it-p1");
        assertThat(onBackupSide.nodeId()).isEqualTo("it-p2");

        ClusterCalls.awaitCopy(backup2, onBackupSide, REPLICATION_TIMEOUT);
        // several pull intervals (2 s) without a crossing: replication follows the live members only
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500))
                .until(() -> ClusterCalls.find(primary, onBackupSide.id()) == null
                        && ClusterCalls.find(backup1, onPrimarySide.id()) == null
                        && ClusterCalls.find(backup2, onPrimarySide.id()) == null);
    }

    @Test
    @Order(3)
    void afterTheHealOneViewLedByThePrimaryAndEveryRecordingOnEveryNodeExactlyOnce() throws Exception {
        assertThat(Firewall.removeAll()).as("rules removed").isEqualTo(4);

        for (ForklineNode node : all) {
            awaitView(node, ALL, "it-p1");
        }
        ClusterCalls.awaitEveryNodeHoldsExactly(all, USER, RECORDED, REPLICATION_TIMEOUT);
        for (ForklineNode node : all) {
            assertThat(ClusterView.of(node).problems()).as("problems seen by %s", node.nodeId()).isEmpty();
        }
    }

    private static void awaitView(ForklineNode node, List<String> up, String leader) {
        await().atMost(VIEW_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            ClusterView view = ClusterView.of(node);
            assertThat(view.upNodeIds()).as("%s sees %s", node.nodeId(), view).containsExactlyElementsOf(up);
            assertThat(view.leader()).as("%s sees %s", node.nodeId(), view).isEqualTo(leader);
        });
    }
}
