package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.forkline.itests.support.ClusterCalls;
import org.forkline.itests.support.ClusterView;
import org.forkline.itests.support.CucmCall;
import org.forkline.itests.support.ForklineCluster;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.JavaCall;
import org.forkline.itests.support.RecordingJson;
import org.forkline.itests.support.Recordings;
import org.forkline.itests.support.RtpStream;
import org.forkline.itests.support.Tone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of the primary during traffic (issue 3): CUCM sends the next calls to a backup, which records them
 * and takes the jobs only after the grace period; the primary restarts on its data, leads again, recovers its cut
 * call and gets what the backup recorded, so every call placed ends as exactly one recording on every node. The
 * tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final int GRACE_SECONDS = 3;
    private static final String USER = "1001";
    private static final long CALL_MILLIS = 2500;
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration REPLICATION_TIMEOUT = Duration.ofSeconds(30);

    private static ForklineNode primary;
    private static ForklineNode backup1;
    private static ForklineNode backup2;
    private static List<ForklineNode> all;
    /** Every call placed so far, as the node that recorded it sealed it. */
    private static final List<RecordingJson> RECORDED = new ArrayList<>();
    private static CucmCall cutCall;

    @BeforeAll
    static void startClusterAndAddTheRecordingUser() {
        ForklineCluster cluster = new ForklineCluster(NODES).graceSeconds(GRACE_SECONDS);
        for (String[] member : new String[][] {{"f1", "primary", "100"}, {"f2", "backup", "10"},
                {"f3", "backup", "20"}}) {
            cluster.member(member[0], member[1], Integer.parseInt(member[2]))
                    .config("org.forkline.storage", "pairingWaitSeconds", 3)
                    .config("org.forkline.replication", "pullIntervalSeconds", 2);
        }
        all = cluster.startAll();
        primary = all.get(0);
        backup1 = all.get(1);
        backup2 = all.get(2);
        awaitOneViewLedBy("it-f1");
        primary.addRecordingUser(USER, "Failover User");
        ClusterCalls.awaitUser(backup1, USER, REPLICATION_TIMEOUT);
        ClusterCalls.awaitUser(backup2, USER, REPLICATION_TIMEOUT);
    }

    @Test
    @Order(1)
    void aCallOnThePrimaryReachesBothBackups() throws Exception {
        RecordingJson recording = ClusterCalls.record(primary, USER, "29601001", CALL_MILLIS);
        RECORDED.add(recording);
        for (ForklineNode backup : List.of(backup1, backup2)) {
            ClusterCalls.awaitCopy(backup, recording, REPLICATION_TIMEOUT);
        }
    }

    @Test
    @Order(2)
    void afterKill9OfThePrimaryDuringACallTheBackupRecordsTheNextCallsAndLeadsOnlyAfterTheGrace() throws Exception {
        cutCall = CucmCall.of("29601002", USER);
        long killedAt;
        try (JavaCall javaCall = JavaCall.start(primary, cutCall, RtpStream.of(Tone.of(700), 30_000, 6001),
                RtpStream.of(Tone.of(1300), 30_000, 6002))) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> javaCall.near().sender().millisSent() >= 2000);
            killedAt = System.nanoTime();
            primary.kill9();
            javaCall.near().sender().stop();
        }
        assertThat(primary.isRunning()).isFalse();

        // CUCM's route list: c1 does not answer, so the next call goes to the first backup, at once
        ClusterCalls.Placed duringGrace = ClusterCalls.start(backup1, USER, "29601003", CALL_MILLIS);

        AtomicBoolean sawNoLeader = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> {
                    ClusterView view = ClusterView.of(backup1);
                    if (view.leader() == null) {
                        sawNoLeader.set(true);
                    }
                    assertThat(view.member("it-f1").orElseThrow().up()).isFalse();
                    assertThat(view.leader()).isEqualTo("it-f2");
                });
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertThat(seconds).as("seconds from kill -9 to the backup leading").isGreaterThanOrEqualTo(GRACE_SECONDS - 1.0);
        assertThat(sawNoLeader).as("no leader during the grace period").isTrue();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> "it-f2".equals(ClusterView.of(backup2).leader()));

        RecordingJson first = duringGrace.awaitSealed();
        RecordingJson second = ClusterCalls.record(backup1, USER, "29601004", CALL_MILLIS);
        RECORDED.add(first);
        RECORDED.add(second);
        assertThat(first.nodeId()).isEqualTo("it-f2");
        assertThat(second.nodeId()).isEqualTo("it-f2");
        ClusterCalls.awaitCopy(backup2, first, REPLICATION_TIMEOUT);
        ClusterCalls.awaitCopy(backup2, second, REPLICATION_TIMEOUT);
    }

    @Test
    @Order(3)
    void theRestartedPrimaryLeadsAgainAndEveryCallEndsAsOneRecordingOnEveryNode() throws Exception {
        primary.startAndWait();
        awaitOneViewLedBy("it-f1");

        // the call cut by the kill: recovered from c1's journals, sealed, and replicated from there
        RecordingJson recovered = Recordings.awaitSealed(primary.rest(), USER, cutCall.refci(),
                ClusterCalls.SEAL_TIMEOUT);
        assertThat(recovered.recovered()).as("recovered flag").isTrue();
        assertThat(recovered.nodeId()).isEqualTo("it-f1");
        RECORDED.add(recovered);

        ClusterCalls.awaitEveryNodeHoldsExactly(all, USER, RECORDED, REPLICATION_TIMEOUT);
        assertThat(RECORDED).hasSize(4);
    }

    private static void awaitOneViewLedBy(String leader) {
        for (ForklineNode node : all) {
            await().atMost(VIEW_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                ClusterView view = ClusterView.of(node);
                assertThat(view.upNodeIds()).as(view.toString()).containsExactly("it-f1", "it-f2", "it-f3");
                assertThat(view.leader()).as(view.toString()).isEqualTo(leader);
            });
        }
    }
}
