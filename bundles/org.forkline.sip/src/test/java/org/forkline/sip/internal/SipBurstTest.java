package org.forkline.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.forkline.sip.internal.call.CallServices;
import org.forkline.sip.internal.call.CallTimings;
import org.forkline.sip.internal.fakes.FakeMediaService;
import org.forkline.sip.internal.fakes.FakeRecordingService;
import org.forkline.sip.internal.fakes.FakeStorageStatus;
import org.forkline.testing.InMemoryRecordingUsers;
import org.forkline.sip.internal.sipclient.CucmCall;
import org.forkline.sip.internal.sipclient.SipTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A burst of recorded calls (both legs each) at once, as CUCM sends them at the start of a busy hour. */
class SipBurstTest {

    private static final int CALLS = 100;

    @TempDir
    Path dataDir;

    @Test
    void aBurstOfOneHundredCallsIsAnsweredAndEndedWithoutLeavingALeg() throws Exception {
        int port = TestConfigs.freePort();
        FakeRecordingService recordings = new FakeRecordingService();
        SipComponent component = new SipComponent(new CallServices(new FakeMediaService(), recordings,
                new InMemoryRecordingUsers().with("1001", true), new FakeStorageStatus()), dataDir.resolve("drained"),
                TestConfigs.config(Map.of("port", port, "channelLimit", CALLS)), Map.of(), CallTimings.STANDARD);
        try (SipTestClient client = SipTestClient.udp("127.0.0.1", port)) {
            List<CucmCall> legs = new ArrayList<>();
            for (int call = 0; call < CALLS; call++) {
                legs.add(CucmCall.leg(client, true, "r" + call, "1001"));
                legs.add(CucmCall.leg(client, false, "r" + call, "1001"));
            }
            long start = System.nanoTime();
            for (CucmCall leg : legs) {
                leg.invite(null, null);
            }
            Set<String> heard = new HashSet<>();
            Set<String> answered = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long nextRetransmission = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (answered.size() < legs.size() && System.nanoTime() < deadline) {
                client.poll(m -> m.isResponse() && "INVITE".equals(m.cseqMethod()), Duration.ofMillis(50))
                        .ifPresent(response -> {
                            heard.add(response.callId());
                            if (response.statusCode() >= 200) {
                                assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
                                answered.add(response.callId());
                            }
                        });
                if (System.nanoTime() > nextRetransmission) {
                    for (CucmCall leg : legs) {
                        if (!heard.contains(leg.callId())) {
                            leg.retransmitInvite();
                        }
                    }
                    nextRetransmission = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                }
            }
            assertThat(answered).hasSize(legs.size());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("SipBurstTest: %d INVITEs answered 200 in %d ms (%.0f per second)%n", legs.size(),
                    millis, legs.size() * 1000.0 / Math.max(1, millis));
            assertThat(component.status().activeCalls()).isEqualTo(CALLS);
            assertThat(component.status().activeLegs()).isEqualTo(2 * CALLS);
        }
        component.shutdown();
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.legs.stream().allMatch(l -> l.ends.size() == 1));
        assertThat(component.trackedLegs()).isZero();
    }
}
