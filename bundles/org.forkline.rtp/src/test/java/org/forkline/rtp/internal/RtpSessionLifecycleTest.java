package org.forkline.rtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.forkline.api.MediaStats;
import org.forkline.api.media.MediaEndCause;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.MediaUnavailableException;
import org.forkline.rtp.internal.codec.PcmuCodec;
import org.forkline.rtp.internal.testing.RecordingListener;
import org.forkline.rtp.internal.testing.RecordingSink;
import org.forkline.rtp.internal.testing.TestConfig;
import org.forkline.rtp.internal.testing.UdpPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How sessions end and give their ports back: close, inactivity, storage failure, exhaustion, deactivate. */
class RtpSessionLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private RtpMediaService service;
    private final RecordingListener listener = new RecordingListener();
    private final UdpPhone phone = new UdpPhone("127.0.0.1");

    @AfterEach
    void stop() {
        phone.close();
        if (service != null) {
            service.deactivate();
        }
    }

    private RtpMediaService start(TestConfig config) {
        service = new RtpMediaService(config);
        service.addCodec(new PcmuCodec());
        return service;
    }

    @Test
    void closeReleasesBothPortsAndIsIdempotent() throws Exception {
        start(TestConfig.defaults().ports(42000, 42009));
        RecordingSink sink = new RecordingSink();
        MediaSession session = service.open("rec-1/near", sink, listener);
        int port = session.localAddress().getPort();
        assertThat(UdpPhone.canBind(port)).as("bound while open").isFalse();
        assertThat(UdpPhone.canBind(port + 1)).as("RTCP bound while open").isFalse();

        CompletionStage<MediaStats> first = session.close();
        CompletionStage<MediaStats> second = session.close();
        first.toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat((Object) second).as("the same stage every time").isSameAs(first);
        assertThat(UdpPhone.canBind(port, port + 1)).isTrue();
        assertThat(sink.closes()).isEqualTo(1);
        assertThat(listener.calls()).as("an explicit close is not reported as an end on its own").isEmpty();
        assertThat(service.statistics().portsInUse()).isZero();
    }

    @Test
    void theJustReleasedPortIsNotReusedForTheNextLeg() throws Exception {
        start(TestConfig.defaults().ports(42010, 42015));
        int[] ports = new int[4];
        for (int i = 0; i < 4; i++) {
            MediaSession session = service.open("rec-2/" + i, new RecordingSink(), listener);
            ports[i] = session.localAddress().getPort();
            session.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }

        assertThat(ports).containsExactly(42010, 42012, 42014, 42010);
    }

    @Test
    void inactivityEndsTheLegAndTellsTheListener() throws Exception {
        start(TestConfig.defaults().ports(42020, 42029).inactivityTimeoutSeconds(1));
        RecordingSink sink = new RecordingSink();
        MediaSession session = service.open("rec-3/near", sink, listener);
        int port = session.localAddress().getPort();

        await().atMost(WAIT).until(() -> !listener.calls().isEmpty());

        assertThat(listener.calls()).singleElement().satisfies(call -> {
            assertThat(call.session()).isSameAs(session);
            assertThat(call.cause()).isEqualTo(MediaEndCause.RTP_TIMEOUT);
        });
        assertThat(sink.closes()).isEqualTo(1);
        assertThat(UdpPhone.canBind(port, port + 1)).isTrue();
        assertThat(service.statistics().activeSessions()).isZero();
        assertThat(session.close().toCompletableFuture().get(1, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aSinkFailureEndsTheLegAsStorageFailureAndReleasesItsPorts() throws Exception {
        start(TestConfig.defaults().ports(42030, 42039).reorderMillis(0));
        RecordingSink sink = new RecordingSink();
        sink.failAppends(new IOException("No space left on device"));
        MediaSession session = service.open("rec-4/far", sink, listener);
        int port = session.localAddress().getPort();

        phone.send(RtpMediaServiceTest.pcmu(0, 0x80), session.localAddress());

        await().atMost(WAIT).until(() -> !listener.calls().isEmpty());
        assertThat(listener.calls()).singleElement()
                .satisfies(call -> assertThat(call.cause()).isEqualTo(MediaEndCause.STORAGE_FAILURE));
        assertThat(sink.closes()).as("the failed sink is still closed to free its file").isEqualTo(1);
        assertThat(UdpPhone.canBind(port, port + 1)).isTrue();
        assertThat(service.statistics().portsInUse()).isZero();
    }

    @Test
    void anExhaustedRangeIsReportedSoAnOperatorCanFixIt() throws Exception {
        start(TestConfig.defaults().ports(42040, 42043));
        service.open("rec-5/near", new RecordingSink(), listener);
        service.open("rec-5/far", new RecordingSink(), listener);

        assertThatThrownBy(() -> service.open("rec-6/near", new RecordingSink(), listener))
                .isInstanceOf(MediaUnavailableException.class)
                .hasMessage("RTP port range 42040-42043 exhausted: 2 sessions active; "
                        + "widen portMin/portMax in etc/org.forkline.rtp.cfg");
        assertThat(service.statistics().portsInUse()).isEqualTo(4);
    }

    @Test
    void portsTakenByAnotherProcessAreSkipped() throws Exception {
        start(TestConfig.defaults().ports(42050, 42053));
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", 42051))) {
            MediaSession session = service.open("rec-7/near", new RecordingSink(), listener);
            assertThat(session.localAddress().getPort()).isEqualTo(42052);

            assertThatThrownBy(() -> service.open("rec-7/far", new RecordingSink(), listener))
                    .isInstanceOf(MediaUnavailableException.class)
                    .hasMessageStartingWith("RTP port range 42050-42053 exhausted: 1 sessions active")
                    .hasMessageContaining("last bind error");
            assertThat(squatter.isBound()).isTrue();
        }
        assertThat(UdpPhone.canBind(42050)).as("RTP port of the failed pair released again").isTrue();
    }

    @Test
    void deactivateClosesOpenSessionsWritingWhatTheyStillHeld() throws Exception {
        start(TestConfig.defaults().ports(42060, 42069).reorderMillis(200));
        RecordingSink near = new RecordingSink();
        RecordingSink far = new RecordingSink();
        MediaSession nearSession = service.open("rec-8/near", near, listener);
        service.open("rec-8/far", far, listener);
        for (int seq = 0; seq < 5; seq++) {
            phone.send(RtpMediaServiceTest.pcmu(seq, 0x80), nearSession.localAddress());
        }
        await().atMost(WAIT).until(() -> nearSession.stats().packetsReceived() == 5);
        assertThat(near.samplesAppended()).as("still inside the 200 ms reorder hold").isZero();
        int port = nearSession.localAddress().getPort();

        service.deactivate();
        RtpMediaService stopped = service;
        service = null;

        assertThat(near.samplesAppended()).isEqualTo(800);
        assertThat(near.closes()).isEqualTo(1);
        assertThat(far.closes()).isEqualTo(1);
        assertThat(UdpPhone.canBind(port, port + 1)).isTrue();
        assertThat(listener.calls()).isEmpty();
        assertThatThrownBy(() -> stopped.open("late", new RecordingSink(), listener))
                .isInstanceOf(MediaUnavailableException.class);
    }

    @Test
    void modifiedSettingsApplyToLegsOpenedAfterwards() throws Exception {
        start(TestConfig.defaults().ports(42070, 42079));
        MediaSession before = service.open("rec-9/near", new RecordingSink(), listener);

        service.modified(TestConfig.defaults().ports(42080, 42083).advertisedAddress("192.0.2.20"));
        MediaSession after = service.open("rec-9/far", new RecordingSink(), listener);

        assertThat(before.localAddress().getPort()).isBetween(42070, 42078);
        assertThat(before.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(after.localAddress().getPort()).isBetween(42080, 42082);
        assertThat(after.localAddress().getAddress().getHostAddress()).isEqualTo("192.0.2.20");
        assertThat(service.statistics().portsTotal()).isEqualTo(4);
        assertThat(service.statistics().portsInUse()).isEqualTo(4);
    }
}
