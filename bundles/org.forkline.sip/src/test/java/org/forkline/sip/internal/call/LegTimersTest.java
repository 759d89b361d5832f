package org.forkline.sip.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.TestConfigs;
import org.forkline.sip.internal.fakes.FakeLegHandle;
import org.forkline.sip.internal.fakes.FakeRecordingService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.message.MessageFactoryImpl;

class LegTimersTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final LegRegistry registry = new LegRegistry();
    private final LegTerminator terminator = new LegTerminator(registry, new Signalling(null, null, null, null), Runnable::run);
    private final LegTimers timers = new LegTimers(scheduler, terminator,
            new CallTimings(Duration.ofMillis(50), TimeUnit.MILLISECONDS));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void theFarSidesIntervalIsCappedByOursAndRaisedToItsMinSe() throws Exception {
        SipSettings settings = TestConfigs.settings(Map.of());

        assertThat(LegTimers.grant(LegTimers.read(request("Supported: timer\r\nSession-Expires: 3600\r\n")), settings))
                .isEqualTo(1800);
        assertThat(LegTimers.grant(LegTimers.read(request("Session-Expires: 600;refresher=uac\r\n")), settings))
                .isEqualTo(600);
        assertThat(LegTimers.grant(LegTimers.read(request("Supported: timer\r\n")), settings)).isEqualTo(1800);
        assertThat(LegTimers.grant(LegTimers.read(request("Session-Expires: 1000\r\nMin-SE: 1200\r\n")), settings))
                .isEqualTo(1200);
        assertThat(LegTimers.grant(LegTimers.read(request("Supported: replaces\r\n")), settings)).isZero();
        assertThat(LegTimers.tooSmall(LegTimers.read(request("Session-Expires: 89\r\n")), settings)).isTrue();
        assertThat(LegTimers.tooSmall(LegTimers.read(request("Session-Expires: 90\r\n")), settings)).isFalse();
        assertThat(LegTimers.read(request("x: 300\r\nk: timer\r\n"))).isEqualTo(new LegTimers.Ask(true, 300, null));
    }

    @Test
    void anExpiredSessionEndsTheLegOnce() throws Exception {
        FakeLegHandle handle = answeredLegHandle("a");
        Leg leg = registry.find(LegRegistry.key("a", "t"));

        timers.arm(leg, 20);

        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(handle.ends).extracting(FakeLegHandle.End::reason).containsExactly("SESSION_EXPIRED");
        assertThat(registry.isEmpty()).isTrue();
    }

    @Test
    void aRefreshRestartsTheTimerAndZeroStopsIt() throws Exception {
        FakeLegHandle handle = answeredLegHandle("b");
        Leg leg = registry.find(LegRegistry.key("b", "t"));

        timers.arm(leg, 100);
        timers.arm(leg, 0);

        assertThat(leg.sessionExpiresSeconds()).isZero();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> handle.ends.isEmpty());
    }

    @Test
    void aMissingAckEndsTheLegButAnAckStopsTheWatchdog() throws Exception {
        FakeLegHandle unacknowledged = answeredLegHandle("c");
        FakeLegHandle acknowledged = answeredLegHandle("d");
        Leg confirmed = registry.find(LegRegistry.key("d", "t"));
        confirmed.confirm();

        timers.watchAck(registry.find(LegRegistry.key("c", "t")));
        timers.watchAck(confirmed);

        await().atMost(Duration.ofSeconds(5)).until(() -> !unacknowledged.ends.isEmpty());
        assertThat(unacknowledged.ends).extracting(FakeLegHandle.End::reason).containsExactly("ACK_TIMEOUT");
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> acknowledged.ends.isEmpty());
    }

    private FakeLegHandle answeredLegHandle(String callId) throws Exception {
        LegMetadata metadata = new LegMetadata(LegDirection.NEAR, null, null, null, null, null, null, null, null,
                callId, null);
        FakeLegHandle handle = (FakeLegHandle) new FakeRecordingService().openLeg(metadata);
        Leg leg = new Leg(callId, "t", null, "udp");
        leg.metadata(metadata);
        leg.handle(handle);
        registry.track(leg);
        registry.admit(leg, metadata.pairKey(), 10, false);
        leg.answer();
        return handle;
    }

    private static Request request(String headers) throws Exception {
        return new MessageFactoryImpl().createRequest("UPDATE sip:7878@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1\r\nFrom: <sip:1@h>;tag=1\r\nTo: <sip:2@h>;tag=2\r\n"
                + "Call-ID: x\r\nCSeq: 2 UPDATE\r\nMax-Forwards: 70\r\n" + headers + "Content-Length: 0\r\n\r\n");
    }
}
