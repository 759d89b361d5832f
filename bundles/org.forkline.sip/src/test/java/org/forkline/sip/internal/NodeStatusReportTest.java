package org.forkline.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.forkline.api.node.NodeStatus;
import org.forkline.api.storage.StorageHealth;
import org.forkline.sip.internal.call.CallServices;
import org.forkline.sip.internal.fakes.FakeMediaService;
import org.forkline.sip.internal.fakes.FakeRecordingService;
import org.forkline.sip.internal.fakes.FakeStorageStatus;
import org.forkline.testing.InMemoryRecordingUsers;
import org.junit.jupiter.api.Test;

class NodeStatusReportTest {

    private final FakeMediaService media = new FakeMediaService();
    private final FakeStorageStatus storage = new FakeStorageStatus();
    private final CallServices services = new CallServices(media, new FakeRecordingService(), new InMemoryRecordingUsers(),
            storage);

    private NodeStatus report(boolean drained, Optional<String> listenProblem) throws Exception {
        return NodeStatusReport.build(TestConfigs.settings(Map.of("nodeId", "node7", "channelLimit", 12)), services,
                drained, 3, 5, listenProblem);
    }

    @Test
    void aHealthyNodeCanRecordAndReportsItsCounters() throws Exception {
        NodeStatus status = report(false, Optional.empty());

        assertThat(status.canRecord()).isTrue();
        assertThat(status.problems()).isEmpty();
        assertThat(status.nodeId()).isEqualTo("node7");
        assertThat(status.activeCalls()).isEqualTo(3);
        assertThat(status.activeLegs()).isEqualTo(5);
        assertThat(status.channelLimit()).isEqualTo(12);
        assertThat(status.storage()).isEqualTo(FakeStorageStatus.HEALTHY);
        assertThat(status.media().portsTotal()).isEqualTo(2000);
        assertThat(status.drained()).isFalse();
    }

    @Test
    void everyBlockingProblemIsListedInWords() throws Exception {
        storage.health = new StorageHealth(true, false, 5_000_000_000L, 1_000_000_000L, 0, 0, null);
        media.portsTotal = 1;

        NodeStatus status = report(true, Optional.of("SIP is not listening: cannot listen on udp 127.0.0.1:5060"));

        assertThat(status.canRecord()).isFalse();
        assertThat(status.drained()).isTrue();
        assertThat(status.problems()).containsExactly(
                "SIP is not listening: cannot listen on udp 127.0.0.1:5060",
                "drained by forkline:drain",
                "storage: database unavailable",
                "RTP ports exhausted (0 of 1 in use)");
    }

    @Test
    void storageProblemTextIsUsedWhenStorageGivesOne() throws Exception {
        storage.health = new StorageHealth(true, true, 10, 100, 0, 0, "disk space low on /data (10 B free)");

        assertThat(report(false, Optional.empty()).problems()).containsExactly("disk space low on /data (10 B free)");
    }

    @Test
    void lowDiskSpaceWithoutTextIsDescribed() throws Exception {
        storage.health = new StorageHealth(true, true, 1_048_576, 10_485_760, 0, 0, null);

        assertThat(report(false, Optional.empty()).problems())
                .containsExactly("storage: disk space low (1 MiB free, 10 MiB required)");
    }

    @Test
    void aFailingStorageStatusIsAProblemNotACrash() throws Exception {
        NodeStatus status = NodeStatusReport.build(TestConfigs.settings(Map.of()), new CallServices(media,
                new FakeRecordingService(), new InMemoryRecordingUsers(), () -> {
                    throw new IllegalStateException("db closed");
                }), false, 0, 0, Optional.empty());

        assertThat(status.canRecord()).isFalse();
        assertThat(status.problems()).containsExactly("storage status unavailable: db closed");
    }
}
