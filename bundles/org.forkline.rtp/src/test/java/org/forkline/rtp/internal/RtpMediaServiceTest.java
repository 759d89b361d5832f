package org.forkline.rtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.forkline.rtp.internal.testing.RtpBuilder.rtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.forkline.api.MediaStats;
import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.MediaStatistics;
import org.forkline.api.media.PayloadFormat;
import org.forkline.api.media.RemoteMedia;
import org.forkline.rtp.internal.codec.G722Codec;
import org.forkline.rtp.internal.codec.PcmaCodec;
import org.forkline.rtp.internal.codec.PcmuCodec;
import org.forkline.rtp.internal.testing.RecordingListener;
import org.forkline.rtp.internal.testing.RecordingSink;
import org.forkline.rtp.internal.testing.TestConfig;
import org.forkline.rtp.internal.testing.UdpPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The component over real UDP on loopback: packets in, PCM at the right positions out, counters right. */
class RtpMediaServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Map<Integer, PayloadFormat> PCMU_WITH_EVENTS = Map.of(
            0, new PayloadFormat("PCMU", 8000, null), 101, new PayloadFormat("telephone-event", 8000, "0-15"));

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
        service.addCodec(new G722Codec());
        service.addCodec(new PcmaCodec());
        service.addCodec(new PcmuCodec());
        return service;
    }

    static byte[] pcmu(int seq, int code) {
        return rtp().payloadType(0).seq(seq).ts(160L * seq).ssrc(0xABCD).payload(code, 160).build();
    }

    static short ulaw(int code) {
        short[] out = new short[1];
        new PcmuCodec().newDecoder().decode(new byte[] {(byte) code}, 0, 1, out, 0);
        return out[0];
    }

    @Test
    void packetsSentOverUdpReachTheSinkAtTheirTimelinePositions() throws Exception {
        start(TestConfig.defaults().ports(41000, 41019).reorderMillis(40));
        RecordingSink sink = new RecordingSink();
        MediaSession session = service.open("rec-1/near", sink, listener);

        for (int seq : new int[] {0, 1, 2, 4, 3, 5, 6, 7, 7, 8, 9}) {
            phone.send(pcmu(seq, 0x80 + seq), session.localAddress());
        }
        await().atMost(WAIT).until(() -> session.stats().packetsReceived() + session.stats().packetsDuplicate() == 11);
        MediaStats closed = session.close().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(closed.packetsReceived()).isEqualTo(10);
        assertThat(closed.packetsDuplicate()).isEqualTo(1);
        assertThat(closed.packetsLost()).isZero();
        assertThat(sink.sampleRate()).isEqualTo(8000);
        assertThat(sink.codec()).isEqualTo("PCMU");
        assertThat(sink.closes()).isEqualTo(1);
        assertThat(sink.violations()).isEmpty();
        short[] timeline = sink.timeline();
        assertThat(timeline).hasSize(1600);
        for (int seq = 0; seq < 10; seq++) {
            for (int i = 0; i < 160; i++) {
                assertThat(timeline[160 * seq + i]).isEqualTo(ulaw(0x80 + seq));
            }
        }
        MediaStatistics statistics = service.statistics();
        assertThat(statistics.activeSessions()).isZero();
        assertThat(statistics.portsInUse()).isZero();
        assertThat(statistics.totals().packetsReceived()).isEqualTo(10);
    }

    @Test
    void localAddressIsTheBindAddressWithAnEvenPortOfTheRange() throws Exception {
        start(TestConfig.defaults().ports(41020, 41029));
        MediaSession session = service.open("rec-2/near", new RecordingSink(), listener);

        assertThat(session.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(session.localAddress().getPort()).isBetween(41020, 41028).isEven();
    }

    @Test
    void localAddressIsTheAdvertisedAddressWhenConfigured() throws Exception {
        start(TestConfig.defaults().ports(41030, 41039).advertisedAddress("192.0.2.10"));
        MediaSession session = service.open("rec-3/near", new RecordingSink(), listener);

        assertThat(session.localAddress().getAddress().getHostAddress()).isEqualTo("192.0.2.10");
    }

    @Test
    void afterConfigurePacketsFromAnotherAddressAreCountedAndIgnored() throws Exception {
        start(TestConfig.defaults().ports(41040, 41049).reorderMillis(0));
        RecordingSink sink = new RecordingSink();
        MediaSession session = service.open("rec-4/far", sink, listener);
        session.configure(new RemoteMedia(InetAddress.getByName("127.0.0.1"), 30000, PCMU_WITH_EVENTS,
                MediaDirection.SENDONLY));

        try (UdpPhone stranger = new UdpPhone("127.0.0.2")) {
            for (int seq = 0; seq < 3; seq++) {
                stranger.send(pcmu(seq, 0x90), session.localAddress());
            }
        }
        phone.send(pcmu(3, 0xA0), session.localAddress());
        phone.send(rtp().payloadType(101).seq(4).ts(480).ssrc(0xABCD).payload(new byte[4]).build(),
                session.localAddress());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(session.stats().packetsUnexpectedSource()).isEqualTo(3);
            assertThat(session.stats().packetsReceived()).isEqualTo(2);
            assertThat(session.stats().packetsEvents()).isEqualTo(1);
        });
        session.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(sink.samplesAppended()).isEqualTo(160);
        assertThat(sink.timeline()[0]).isEqualTo(ulaw(0xA0));
    }

    @Test
    void rtcpOnThePortAboveIsConsumedWithoutTouchingTheLeg() throws Exception {
        start(TestConfig.defaults().ports(41050, 41059));
        MediaSession session = service.open("rec-5/near", new RecordingSink(), listener);
        var rtcpPort = new java.net.InetSocketAddress(session.localAddress().getAddress(),
                session.localAddress().getPort() + 1);

        phone.send(new byte[] {(byte) 0x80, (byte) 200, 0, 6, 1, 2, 3, 4}, rtcpPort);
        phone.send(pcmu(0, 0x80), session.localAddress());

        await().atMost(WAIT).until(() -> session.stats().packetsReceived() == 1);
        assertThat(session.stats().packetsMalformed()).isZero();
    }

    @Test
    void codecsAreListedByPreferenceAndFollowTheWhiteboard() throws Exception {
        start(TestConfig.defaults().ports(41060, 41069).reorderMillis(0));
        assertThat(service.codecs()).extracting(c -> c.encodingName()).containsExactly("PCMU", "PCMA", "G722");

        G722Codec g722 = (G722Codec) service.codecs().get(2);
        service.removeCodec(g722);
        assertThat(service.codecs()).extracting(c -> c.encodingName()).containsExactly("PCMU", "PCMA");

        RecordingSink sink = new RecordingSink();
        MediaSession session = service.open("rec-6/near", sink, listener);
        phone.send(rtp().payloadType(9).seq(1).ts(0).payload(0x11, 160).build(), session.localAddress());
        await().atMost(WAIT).until(() -> session.stats().packetsMalformed() == 1);

        service.addCodec(g722);
        phone.send(rtp().payloadType(9).seq(2).ts(160).payload(0x11, 160).build(), session.localAddress());
        await().atMost(WAIT).until(() -> session.stats().packetsReceived() == 1);
        assertThat(sink.sampleRate()).isEqualTo(16000);
    }

    @Test
    void flushesTheSinkWhileAudioArrives() throws Exception {
        start(TestConfig.defaults().ports(41070, 41079).reorderMillis(0).flushMillis(20));
        RecordingSink sink = new RecordingSink();
        MediaSession session = service.open("rec-7/near", sink, listener);

        phone.send(pcmu(0, 0x80), session.localAddress());

        await().atMost(WAIT).until(() -> sink.flushes() >= 1);
    }

    @Test
    void statisticsCountActiveSessionsPortsAndTotalsOfEndedOnes() throws Exception {
        start(TestConfig.defaults().ports(41080, 41089));
        MediaSession first = service.open("rec-8/near", new RecordingSink(), listener);
        MediaSession second = service.open("rec-8/far", new RecordingSink(), listener);
        phone.send(pcmu(0, 0x80), first.localAddress());
        phone.send(pcmu(0, 0x80), second.localAddress());
        phone.send(pcmu(1, 0x80), second.localAddress());
        await().atMost(WAIT).until(() -> service.statistics().totals().packetsReceived() == 3);

        MediaStatistics both = service.statistics();
        assertThat(both.activeSessions()).isEqualTo(2);
        assertThat(both.portsInUse()).isEqualTo(4);
        assertThat(both.portsTotal()).isEqualTo(10);

        first.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
        MediaStatistics one = service.statistics();
        assertThat(one.activeSessions()).isEqualTo(1);
        assertThat(one.portsInUse()).isEqualTo(2);
        assertThat(one.totals().packetsReceived()).isEqualTo(3);
    }

    @Test
    void worksOnTheNioTransportToo() throws Exception {
        service = new RtpMediaService(RtpSettings.from(TestConfig.defaults().ports(41090, 41099).reorderMillis(0)),
                false);
        service.addCodec(new PcmuCodec());
        RecordingSink sink = new RecordingSink();
        MediaSession session = service.open("rec-9/near", sink, listener);

        phone.send(pcmu(0, 0x81), session.localAddress());

        await().atMost(WAIT).until(() -> sink.samplesAppended() == 160);
        assertThat(sink.timeline()[0]).isEqualTo(ulaw(0x81));
    }
}
