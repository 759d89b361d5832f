package org.forkline.rtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.forkline.api.handover.Handover;
import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.MediaUnavailableException;
import org.forkline.api.media.PayloadFormat;
import org.forkline.api.media.RemoteMedia;
import org.forkline.handover.internal.HandoverDesk;
import org.forkline.rtp.internal.codec.PcmuCodec;
import org.forkline.rtp.internal.testing.RecordingListener;
import org.forkline.rtp.internal.testing.RecordingSink;
import org.forkline.rtp.internal.testing.RtpStream;
import org.forkline.rtp.internal.testing.TestConfig;
import org.forkline.rtp.internal.testing.UdpPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Live handover of RTP sockets over real UDP on loopback: to the next activation, and between two sessions. */
class RtpHandoverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int PACKETS = 150;

    private final List<RtpMediaService> services = new ArrayList<>();
    private final List<HandoverDesk> desks = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private final RecordingListener resumedListener = new RecordingListener();
    private final UdpPhone phone = new UdpPhone("127.0.0.1");

    @AfterEach
    void stop() {
        phone.close();
        services.forEach(RtpMediaService::deactivate);
        desks.forEach(HandoverDesk::close);
    }

    private HandoverDesk desk(int windowSeconds) {
        HandoverDesk desk = new HandoverDesk(windowSeconds);
        desks.add(desk);
        return desk;
    }

    private RtpMediaService start(int portMin, Handover handover, boolean allowNative, boolean frameworkStopping) {
        RtpMediaService service = new RtpMediaService(RtpSettings.from(TestConfig.defaults()
                .ports(portMin, portMin + 9).reorderMillis(40)), allowNative, handover, () -> frameworkStopping);
        service.addCodec(new PcmuCodec());
        services.add(service);
        return service;
    }

    private RtpMediaService start(int portMin, int portMax, Handover handover) {
        RtpMediaService service = new RtpMediaService(RtpSettings.from(TestConfig.defaults()
                .ports(portMin, portMax).reorderMillis(40)), true, handover, () -> false);
        service.addCodec(new PcmuCodec());
        services.add(service);
        return service;
    }

    private void stop(RtpMediaService service) {
        services.remove(service);
        service.deactivate();
    }

    /** A µ-law code per sequence number whose decoded value no other sequence number shares (0x7F and 0xFF: 0). */
    private static int code(int seq) {
        return seq < 0x7F ? seq : seq + 1;
    }

    private static byte[] packet(int seq) {
        return RtpMediaServiceTest.pcmu(seq, code(seq));
    }

    /** Asserts that every packet sent reached exactly one of the sinks, whole. */
    private static void assertEveryPacketOnce(RecordingSink... sinks) {
        Map<Short, Integer> samplesByValue = new HashMap<>();
        for (RecordingSink sink : sinks) {
            assertThat(sink.violations()).isEmpty();
            for (RecordingSink.Append append : sink.appends()) {
                for (short sample : append.samples()) {
                    samplesByValue.merge(sample, 1, Integer::sum);
                }
            }
        }
        for (int seq = 0; seq < PACKETS; seq++) {
            assertThat(samplesByValue.get(RtpMediaServiceTest.ulaw(code(seq)))).as("samples of packet %d", seq)
                    .isEqualTo(160);
        }
        assertThat(samplesByValue.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(PACKETS * 160);
    }

    /**
     * Asserts that the two sinks are one timeline: the same anchor and rate, every packet's samples at
     * seq × 160 from packet 0's position, each sample written once, no gap.
     *
     * @return the position of packet 0
     */
    private static long assertOneTimeline(RecordingSink before, RecordingSink after) {
        assertThat(after.beginCalls()).isEqualTo(1);
        assertThat(after.anchorEpochMicros()).as("the original anchor").isEqualTo(before.anchorEpochMicros());
        assertThat(after.sampleRate()).isEqualTo(before.sampleRate());
        long origin = before.appends().get(0).position();
        short[] timeline = new short[PACKETS * 160];
        boolean[] written = new boolean[timeline.length];
        for (RecordingSink sink : List.of(before, after)) {
            assertThat(sink.violations()).isEmpty();
            for (RecordingSink.Append append : sink.appends()) {
                for (int i = 0; i < append.samples().length; i++) {
                    long at = append.position() - origin + i;
                    assertThat(at).as("position from packet 0").isBetween(0L, (long) timeline.length - 1);
                    assertThat(written[(int) at]).as("sample %d written twice", at).isFalse();
                    written[(int) at] = true;
                    timeline[(int) at] = append.samples()[i];
                }
            }
        }
        for (int at = 0; at < timeline.length; at++) {
            assertThat(written[at]).as("sample %d (packet %d) written", at, at / 160).isTrue();
            assertThat(timeline[at]).as("sample %d (packet %d)", at, at / 160)
                    .isEqualTo(RtpMediaServiceTest.ulaw(code(at / 160)));
        }
        return origin;
    }

    @ParameterizedTest(name = "paused {0} ms")
    @ValueSource(ints = {300, 1500})
    void aRestartedLegGoesOnOnItsTimelineWithoutGapOverlapOrShift(int pauseMillis) throws Exception {
        int portMin = pauseMillis < 1000 ? 43240 : 43260;
        HandoverDesk desk = desk(30);
        RtpMediaService first = start(portMin, desk, true, false);
        RecordingSink before = new RecordingSink();
        MediaSession old = first.open("rec-11/near", before, listener);
        int port = old.localAddress().getPort();

        try (RtpStream stream = new RtpStream(phone, old.localAddress(), PACKETS, RtpHandoverTest::packet)) {
            await().atMost(WAIT).until(() -> old.stats().packetsReceived() >= 40);
            stop(first);
            long parked = System.nanoTime();
            int sentAtPark = stream.sent();
            // The pause: the phone goes on sending into the parked sockets, where its packets wait.
            await().atMost(WAIT).until(() -> stream.sent() >= sentAtPark + pauseMillis / 20);
            RtpMediaService second = start(portMin, desk, true, false);
            RecordingSink after = new RecordingSink();
            MediaSession resumed = second.resume("rec-11/near", after, resumedListener, port, null);
            long pause = System.nanoTime() - parked;
            int backlog = stream.sent() - (int) old.stats().packetsReceived();

            stream.done().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> old.stats().packetsReceived() + resumed.stats().packetsReceived()
                    == PACKETS);
            resumed.close().toCompletableFuture().get(5, TimeUnit.SECONDS);

            long origin = assertOneTimeline(before, after);
            long resumedAt = after.appends().get(0).position() - origin;
            System.out.printf("RTP restart with a %.0f ms pause: %d packets waited in the parked socket; the resumed "
                    + "sink goes on at sample %d = packet %d x 160 (shift %d samples), same anchor%n", pause / 1e6,
                    backlog, resumedAt, old.stats().packetsReceived(),
                    resumedAt - 160 * old.stats().packetsReceived());
            assertThat(resumedAt).isEqualTo(160 * old.stats().packetsReceived());
            assertThat(backlog).isGreaterThanOrEqualTo(pauseMillis / 20);
            assertThat(resumed.stats().packetsLost()).isZero();
            assertThat(resumed.stats().packetsLate()).isZero();
        }
    }

    /** Two restarts in a row, each resume with the far side's description as the SIP side passes it. */
    @Test
    void aLegGoesOnOnItsTimelineAcrossTwoRestartsInARow() throws Exception {
        int portMin = 43300;
        HandoverDesk desk = desk(30);
        RemoteMedia remote = new RemoteMedia(InetAddress.getByName("127.0.0.1"), 30000,
                Map.of(0, new PayloadFormat("PCMU", 8000, null)), MediaDirection.SENDONLY);
        RtpMediaService first = start(portMin, desk, true, false);
        RecordingSink s1 = new RecordingSink();
        MediaSession m1 = first.open("rec-13/near", s1, listener);
        m1.configure(remote);
        int port = m1.localAddress().getPort();
        try (RtpStream stream = new RtpStream(phone, m1.localAddress(), PACKETS, RtpHandoverTest::packet)) {
            await().atMost(WAIT).until(() -> m1.stats().packetsReceived() >= 40);
            stop(first);
            int sent = stream.sent();
            await().atMost(WAIT).until(() -> stream.sent() >= sent + 3);
            RtpMediaService second = start(portMin, desk, true, false);
            RecordingSink s2 = new RecordingSink();
            MediaSession m2 = second.resume("rec-13/near", s2, resumedListener, port, remote);
            await().atMost(WAIT).until(() -> m2.stats().packetsReceived() >= 40);
            stop(second);
            int sent2 = stream.sent();
            await().atMost(WAIT).until(() -> stream.sent() >= sent2 + 3);
            RtpMediaService third = start(portMin, desk, true, false);
            RecordingSink s3 = new RecordingSink();
            MediaSession m3 = third.resume("rec-13/near", s3, resumedListener, port, remote);
            stream.done().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> m1.stats().packetsReceived() + m2.stats().packetsReceived()
                    + m3.stats().packetsReceived() == PACKETS);
            m3.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
            long origin = s1.appends().get(0).position();
            assertThat(s2.appends().get(0).position() - origin).isEqualTo(160 * m1.stats().packetsReceived());
            assertThat(s3.appends().get(0).position() - origin)
                    .isEqualTo(160 * (m1.stats().packetsReceived() + m2.stats().packetsReceived()));
            assertThat(List.of(s2.anchorEpochMicros(), s3.anchorEpochMicros())).containsOnly(s1.anchorEpochMicros());
            assertThat(m2.stats().packetsLate() + m3.stats().packetsLate() + m3.stats().packetsLost()).isZero();
            stop(third);
        }
    }

    @Test
    void aLegTakenOverWithinTheActivationGoesOnOnItsTimelineWithoutGapOverlapOrShift() throws Exception {
        RtpMediaService service = start(43280, desk(30), true, false);
        RecordingSink before = new RecordingSink();
        MediaSession old = service.open("rec-12/far", before, listener);

        try (RtpStream stream = new RtpStream(phone, old.localAddress(), PACKETS, RtpHandoverTest::packet)) {
            await().atMost(WAIT).until(() -> old.stats().packetsReceived() >= 40);
            RecordingSink after = new RecordingSink();
            MediaSession resumed = service.resume("rec-12/far", after, resumedListener,
                    old.localAddress().getPort(), null);
            stream.done().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> old.stats().packetsReceived() + resumed.stats().packetsReceived()
                    == PACKETS);
            resumed.close().toCompletableFuture().get(5, TimeUnit.SECONDS);

            long origin = assertOneTimeline(before, after);
            long resumedAt = after.appends().get(0).position() - origin;
            System.out.printf("RTP takeover within the activation: the resumed sink goes on at sample %d = packet %d "
                    + "x 160 (shift %d samples), same anchor%n", resumedAt, old.stats().packetsReceived(),
                    resumedAt - 160 * old.stats().packetsReceived());
            assertThat(resumedAt).isEqualTo(160 * old.stats().packetsReceived());
            assertThat(resumed.stats().packetsLost()).isZero();
        }
    }

    @ParameterizedTest(name = "native transport allowed: {0}")
    @ValueSource(booleans = {true, false})
    void aStreamGoesOnWithoutLossAcrossARestartOfTheBundle(boolean allowNative) throws Exception {
        int portMin = allowNative ? 43000 : 43020;
        HandoverDesk desk = desk(30);
        RtpMediaService first = start(portMin, desk, allowNative, false);
        assertThat(first.transportDescription()).contains(allowNative ? "epoll" : "NIO");
        RecordingSink before = new RecordingSink();
        MediaSession old = first.open("rec-1/near", before, listener);
        int port = old.localAddress().getPort();

        try (RtpStream stream = new RtpStream(phone, old.localAddress(), PACKETS, RtpHandoverTest::packet)) {
            await().atMost(WAIT).until(() -> old.stats().packetsReceived() >= 40);
            long stopping = System.nanoTime();
            stop(first);
            long stopped = System.nanoTime();
            RtpMediaService second = start(portMin, desk, allowNative, false);
            RecordingSink after = new RecordingSink();
            MediaSession resumed = second.resume("rec-1/near", after, resumedListener, port, null);
            long resumedAt = System.nanoTime();
            int sentDuringHandover = stream.sent();

            stream.done().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> old.stats().packetsReceived() + resumed.stats().packetsReceived()
                    == PACKETS);
            resumed.close().toCompletableFuture().get(5, TimeUnit.SECONDS);

            System.out.printf("RTP handover (%s): deactivate %.1f ms, handover gap (deactivate start to resume "
                    + "returned) %.1f ms; packets %d before, %d after, %d lost%n", second.transportDescription(),
                    (stopped - stopping) / 1e6, (resumedAt - stopping) / 1e6, old.stats().packetsReceived(),
                    resumed.stats().packetsReceived(),
                    PACKETS - old.stats().packetsReceived() - resumed.stats().packetsReceived());
            assertThat(resumed.localAddress().getPort()).isEqualTo(port);
            assertThat(sentDuringHandover).as("the handover happened mid-stream").isLessThan(PACKETS);
            assertThat(after.beginCalls()).as("a new timeline for the new sink").isEqualTo(1);
            assertThat(before.closes()).isEqualTo(1);
            assertThat(after.closes()).isEqualTo(1);
            assertEveryPacketOnce(before, after);
            assertThat(resumed.stats().packetsLost()).isZero();
            assertThat(listener.calls()).isEmpty();
            assertThat(resumedListener.calls()).isEmpty();
            // NIO closes a socket registered with a selector only at that selector's next select.
            await().atMost(WAIT).until(() -> UdpPhone.canBind(port, port + 1));
        }
    }

    @Test
    void manyLegsGoOnWithoutLossAcrossARestartOfTheBundle() throws Exception {
        int legs = 40;
        HandoverDesk desk = desk(30);
        RtpMediaService first = start(43300, 43300 + 2 * legs + 1, desk);
        List<MediaSession> before = new ArrayList<>();
        for (int leg = 0; leg < legs; leg++) {
            before.add(first.open("rec-m/" + leg, new RecordingSink(), listener));
        }
        List<InetSocketAddress> targets = before.stream().map(MediaSession::localAddress).toList();

        try (RtpStream stream = new RtpStream(phone, targets, PACKETS, RtpHandoverTest::packet)) {
            await().atMost(WAIT).until(() -> before.stream().allMatch(s -> s.stats().packetsReceived() >= 40));
            long stopping = System.nanoTime();
            stop(first);
            RtpMediaService second = start(43300, 43300 + 2 * legs + 1, desk);
            List<MediaSession> after = new ArrayList<>();
            for (int leg = 0; leg < legs; leg++) {
                after.add(second.resume("rec-m/" + leg, new RecordingSink(), resumedListener,
                        targets.get(leg).getPort(), null));
            }
            long resumedAt = System.nanoTime();

            stream.done().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> second.statistics().totals().packetsReceived()
                    + before.stream().mapToLong(s -> s.stats().packetsReceived()).sum() == (long) legs * PACKETS);
            System.out.printf("RTP handover of %d legs: handover gap (deactivate start to last resume returned) "
                    + "%.1f ms%n", legs, (resumedAt - stopping) / 1e6);
            for (int leg = 0; leg < legs; leg++) {
                assertThat(before.get(leg).stats().packetsReceived() + after.get(leg).stats().packetsReceived())
                        .as("leg %d", leg).isEqualTo(PACKETS);
                assertThat(after.get(leg).stats().packetsLost()).isZero();
            }
            assertThat(listener.calls()).isEmpty();
        }
    }

    @Test
    void packetsSentWhileParkedWaitAndAreJudgedByTheRemoteGivenToResume() throws Exception {
        HandoverDesk desk = desk(30);
        RtpMediaService first = start(43220, desk, true, false);
        MediaSession old = first.open("rec-10/near", new RecordingSink(), listener);
        InetSocketAddress target = old.localAddress();
        stop(first);

        try (UdpPhone stranger = new UdpPhone("127.0.0.2")) {
            for (int seq = 0; seq < 3; seq++) {
                stranger.send(packet(seq), target);
            }
        }
        for (int seq = 3; seq < 5; seq++) {
            phone.send(packet(seq), target);
        }
        RtpMediaService second = start(43220, desk, true, false);
        RecordingSink sink = new RecordingSink();
        MediaSession resumed = second.resume("rec-10/near", sink, resumedListener, target.getPort(),
                new RemoteMedia(InetAddress.getByName("127.0.0.1"), 30000,
                        Map.of(0, new PayloadFormat("PCMU", 8000, null)), MediaDirection.SENDRECV));

        await().atMost(WAIT).until(() -> resumed.stats().packetsReceived() == 2);
        assertThat(resumed.stats().packetsUnexpectedSource()).isEqualTo(3);
        resumed.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(sink.samplesAppended()).isEqualTo(320);
    }

    @Test
    void aSessionOfTheSameActivationHandsItsSocketsToTheResumedOne() throws Exception {
        RtpMediaService service = start(43040, desk(30), true, false);
        RecordingSink before = new RecordingSink();
        MediaSession old = service.open("rec-2/far", before, listener);
        int port = old.localAddress().getPort();

        try (RtpStream stream = new RtpStream(phone, old.localAddress(), PACKETS, RtpHandoverTest::packet)) {
            await().atMost(WAIT).until(() -> old.stats().packetsReceived() >= 40);
            RecordingSink after = new RecordingSink();
            RemoteMedia remote = new RemoteMedia(InetAddress.getByName("127.0.0.1"), 30000,
                    Map.of(0, new PayloadFormat("PCMU", 8000, null)), MediaDirection.SENDONLY);
            MediaSession resumed = service.resume("rec-2/far", after, resumedListener, port, remote);

            assertThat(before.closes()).as("the old sink is closed at the handover").isEqualTo(1);
            assertThat(old.close().toCompletableFuture().isDone()).as("the old session has ended").isTrue();
            assertThat(service.statistics().activeSessions()).isEqualTo(1);
            assertThat(service.statistics().portsInUse()).isEqualTo(2);
            stream.done().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> old.stats().packetsReceived() + resumed.stats().packetsReceived()
                    == PACKETS);
            resumed.close().toCompletableFuture().get(5, TimeUnit.SECONDS);

            assertEveryPacketOnce(before, after);
            assertThat(old.stats().packetsReceived()).isBetween(40L, (long) PACKETS - 1);
            assertThat(listener.calls()).as("the old session ends without telling its listener").isEmpty();
            assertThat(resumedListener.calls()).isEmpty();
            assertThat(resumed.stats().packetsUnexpectedSource()).isZero();
            assertThat(service.statistics().totals().packetsReceived()).isEqualTo(PACKETS);
            assertThat(service.statistics().portsInUse()).isZero();
        }
    }

    @Test
    void aPortNobodyHoldsIsBoundAgain() throws Exception {
        RtpMediaService service = start(43060, desk(30), true, false);
        RecordingSink sink = new RecordingSink();

        MediaSession resumed = service.resume("rec-3/near", sink, resumedListener, 43064, null);

        assertThat(resumed.localAddress().getPort()).isEqualTo(43064);
        assertThat(UdpPhone.canBind(43064)).isFalse();
        assertThat(UdpPhone.canBind(43065)).isFalse();
        phone.send(packet(0), resumed.localAddress());
        await().atMost(WAIT).until(() -> resumed.stats().packetsReceived() == 1);
        resumed.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(sink.samplesAppended()).isEqualTo(160);
        assertThat(UdpPhone.canBind(43064, 43065)).isTrue();
    }

    @Test
    void aPortTakenByAnotherProgramOrOutsideTheRangeCannotBeResumed() throws Exception {
        RtpMediaService service = start(43080, desk(30), true, false);
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", 43083))) {
            assertThatThrownBy(() -> service.resume("rec-4/near", new RecordingSink(), resumedListener, 43082, null))
                    .isInstanceOf(MediaUnavailableException.class).hasMessageContaining("RTP port 43082");
            assertThat(squatter.isBound()).isTrue();
        }
        assertThatThrownBy(() -> service.resume("rec-4/far", new RecordingSink(), resumedListener, 43100, null))
                .isInstanceOf(MediaUnavailableException.class).hasMessageContaining("RTP port 43100")
                .hasMessageContaining("43080-43089");
        assertThat(service.statistics().portsInUse()).isZero();
        assertThat(service.resume("rec-4/near", new RecordingSink(), resumedListener, 43082, null)
                .localAddress().getPort()).isEqualTo(43082);
    }

    @ParameterizedTest(name = "native transport allowed: {0}")
    @ValueSource(booleans = {true, false})
    void socketsNobodyClaimsAreClosedWhenTheWindowEnds(boolean allowNative) throws Exception {
        RtpMediaService service = start(allowNative ? 43100 : 43200, desk(1), allowNative, false);
        RecordingSink sink = new RecordingSink();
        int port = service.open("rec-5/near", sink, listener).localAddress().getPort();

        stop(service);

        assertThat(sink.closes()).isEqualTo(1);
        assertThat(UdpPhone.canBind(port)).as("parked, still open").isFalse();
        await().atMost(WAIT).until(() -> UdpPhone.canBind(port, port + 1));
        assertThat(listener.calls()).isEmpty();
    }

    @Test
    void claimedSocketsNoLegAsksForAreClosedWhenTheWindowEnds() throws Exception {
        HandoverDesk desk = desk(1);
        RtpMediaService first = start(43120, desk, true, false);
        int port = first.open("rec-6/near", new RecordingSink(), listener).localAddress().getPort();
        stop(first);

        RtpMediaService second = start(43120, desk, true, false);
        assertThat(second.statistics().portsInUse()).as("the handed-over pair counts as in use").isEqualTo(2);
        assertThat(desk.claim(ParkedPorts.KEY)).as("claimed by the new activation").isEmpty();

        await().atMost(WAIT).until(() -> UdpPhone.canBind(port, port + 1));
        await().atMost(WAIT).until(() -> second.statistics().portsInUse() == 0);
    }

    @Test
    void handedOverSocketsGoToTheActivationAfterTheNextToo() throws Exception {
        HandoverDesk desk = desk(30);
        RtpMediaService first = start(43140, desk, true, false);
        int port = first.open("rec-7/near", new RecordingSink(), listener).localAddress().getPort();
        stop(first);
        stop(start(43140, desk, true, false));

        RtpMediaService third = start(43140, desk, true, false);
        RecordingSink sink = new RecordingSink();
        MediaSession resumed = third.resume("rec-7/near", sink, resumedListener, port, null);
        phone.send(packet(0), resumed.localAddress());

        await().atMost(WAIT).until(() -> sink.samplesAppended() == 160);
    }

    @Test
    void theTimelineOfALegNotYetResumedGoesToTheActivationAfterTheNextToo() throws Exception {
        HandoverDesk desk = desk(30);
        RtpMediaService first = start(43400, desk, true, false);
        RecordingSink before = new RecordingSink();
        MediaSession old = first.open("rec-13/near", before, listener);
        for (int seq = 0; seq < 5; seq++) {
            phone.send(packet(seq), old.localAddress());
        }
        await().atMost(WAIT).until(() -> old.stats().packetsReceived() == 5);
        stop(first);
        stop(start(43400, desk, true, false));

        RtpMediaService third = start(43400, desk, true, false);
        RecordingSink after = new RecordingSink();
        MediaSession resumed = third.resume("rec-13/near", after, resumedListener, old.localAddress().getPort(),
                null);
        phone.send(packet(5), resumed.localAddress());
        await().atMost(WAIT).until(() -> resumed.stats().packetsReceived() == 1);
        resumed.close().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(after.anchorEpochMicros()).isEqualTo(before.anchorEpochMicros());
        assertThat(after.appends()).singleElement().satisfies(append -> {
            assertThat(append.position()).isEqualTo(before.end()).isEqualTo(before.appends().get(0).position() + 800);
            assertThat(append.samples()).containsOnly(RtpMediaServiceTest.ulaw(code(5)));
        });
    }

    @Test
    void whenTheFrameworkStopsEverythingIsClosedAndNothingHandedOver() throws Exception {
        HandoverDesk desk = desk(30);
        RtpMediaService service = start(43160, desk, true, true);
        RecordingSink sink = new RecordingSink();
        int port = service.open("rec-8/near", sink, listener).localAddress().getPort();

        stop(service);

        assertThat(sink.closes()).isEqualTo(1);
        assertThat(UdpPhone.canBind(port, port + 1)).isTrue();
        assertThat(desk.claim(ParkedPorts.KEY)).isEmpty();
    }

    @Test
    void withoutTheHandoverServiceEverythingIsClosed() throws Exception {
        RtpMediaService service = start(43180, null, true, false);
        RecordingSink sink = new RecordingSink();
        int port = service.open("rec-9/near", sink, listener).localAddress().getPort();

        stop(service);

        assertThat(sink.closes()).isEqualTo(1);
        assertThat(UdpPhone.canBind(port, port + 1)).isTrue();
    }
}
