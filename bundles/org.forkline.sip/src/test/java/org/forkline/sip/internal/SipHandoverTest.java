package org.forkline.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.forkline.api.media.RemoteMedia;
import org.forkline.handover.internal.HandoverDesk;
import org.forkline.sip.internal.call.CallServices;
import org.forkline.sip.internal.call.CallTimings;
import org.forkline.sip.internal.fakes.FakeLegHandle;
import org.forkline.sip.internal.fakes.FakeMediaService;
import org.forkline.sip.internal.fakes.FakeMediaSession;
import org.forkline.sip.internal.fakes.FakeRecordingService;
import org.forkline.sip.internal.fakes.FakeStorageStatus;
import org.forkline.sip.internal.sipclient.CucmCall;
import org.forkline.sip.internal.sipclient.SipMessage;
import org.forkline.sip.internal.sipclient.SipTestClient;
import org.forkline.testing.InMemoryRecordingUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart of the SIP bundle (or of media and storage) during a call: the next activation takes the dialog over
 * on the same stack, CUCM notices nothing, and the call ends once, by CUCM's BYE.
 */
class SipHandoverTest {

    private final FakeMediaService media = new FakeMediaService();
    private final FakeRecordingService recordings = new FakeRecordingService();
    private final InMemoryRecordingUsers users = new InMemoryRecordingUsers().with("1001", true);
    private final FakeStorageStatus storage = new FakeStorageStatus();
    private final Map<String, Object> config = new HashMap<>();
    @TempDir
    Path dataDir;
    private HandoverDesk desk = new HandoverDesk(30);
    private SipComponent component;
    private SipTestClient client;
    private String firstOffer;

    @BeforeEach
    void bindPort() throws IOException {
        config.put("port", TestConfigs.freePort());
        client = SipTestClient.udp("127.0.0.1", (Integer) config.get("port"));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (component != null) {
            component.shutdown();
        }
        desk.close();
    }

    private SipComponent start(FakeMediaService mediaService, FakeRecordingService recordingService) {
        component = new SipComponent(new CallServices(mediaService, recordingService, users, storage),
                dataDir.resolve("drained"), TestConfigs.config(config), Map.of(), CallTimings.STANDARD, desk);
        return component;
    }

    private CucmCall answeredCall() throws IOException {
        CucmCall call = CucmCall.leg(client, true, "19301625", "1001");
        call.invite(null, null);
        firstOffer = call.expectOk().body();
        call.ack(CucmCall.ACK_ANSWER);
        await().atMost(Duration.ofSeconds(5)).until(() -> !media.last().configured.isEmpty());
        return call;
    }

    @Test
    void aCallGoesOnAcrossARestartOfTheSipBundleAndRequestsMeanwhileAreAnswered() throws IOException {
        start(media, recordings);
        CucmCall call = answeredCall();
        FakeLegHandle handle = recordings.last();
        FakeMediaSession session = media.last();

        component.deactivateForRestart();
        call.inDialog("INFO");                   // waits in the relay while no SIP bundle is active
        start(media, recordings);

        client.awaitResponse("INFO", 200);
        assertThat(component.status().activeLegs()).isEqualTo(1);
        assertThat(session.closeCalls).hasValue(0);
        assertThat(handle.ends).isEmpty();
        call.bye(null);
        client.awaitResponse("BYE", 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(handle.ends).containsExactly(new FakeLegHandle.End("BYE", FakeMediaSession.FINAL_STATS));
        assertThat(media.sessions).containsExactly(session);
        assertThat(handle.resumes).hasValue(0);
        assertThat(client.poll(message -> "BYE".equals(message.method()), Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void aHoldReInviteAfterTheTakeoverIsAnsweredInTheSameSdpSessionWithAHigherVersion() throws IOException {
        start(media, recordings);
        CucmCall call = answeredCall();
        FakeMediaSession session = media.last();
        component.deactivateForRestart();
        start(media, recordings);

        call.reInvite(CucmCall.sdp("10.48.38.107", 26396, "0 101", "inactive"));
        SipMessage hold = client.awaitResponse("INVITE", 200);
        call.ack(null);

        assertThat(hold.body()).contains("a=inactive\r\n", "m=audio " + session.localAddress().getPort());
        assertThat(originLine(hold.body())).endsWith(" 2 IN IP4 127.0.0.1")
                .startsWith(originLine(firstOffer).replace(" 1 IN IP4 127.0.0.1", ""));
        assertThat(session.lastConfigured().direction().silent()).isTrue();
        call.bye(null);
        client.awaitResponse("BYE", 200);
    }

    private static String originLine(String sdp) {
        return sdp.lines().filter(line -> line.startsWith("o=")).findFirst().orElseThrow();
    }

    @Test
    void whenMediaAndStorageRestartedTooTheLegIsResumedOnItsPortWithTheLastAnswer() throws IOException {
        start(media, recordings);
        CucmCall call = answeredCall();
        FakeLegHandle handle = recordings.last();
        int port = media.last().localAddress().getPort();

        component.deactivateForRestart();
        FakeMediaService restartedMedia = new FakeMediaService();
        FakeRecordingService restartedStorage = recordings.restarted();
        start(restartedMedia, restartedStorage);

        FakeMediaSession resumed = restartedMedia.last();
        assertThat(resumed.resumedPort).isEqualTo(port);
        RemoteMedia answer = resumed.lastConfigured();
        assertThat(answer.address()).isEqualTo(InetAddress.getByName("10.48.38.107"));
        assertThat(answer.port()).isEqualTo(26396);
        assertThat(handle.resumes).hasValue(1);
        call.bye(null);
        client.awaitResponse("BYE", 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(handle.ends).hasSize(1).allSatisfy(end -> assertThat(end.reason()).isEqualTo("BYE"));
        assertThat(resumed.isClosed()).isTrue();
    }

    @Test
    void callsNobodyTakesOverEndWithByeAfterTheWindowAndThePortIsFreeAgain() throws IOException {
        desk.close();
        desk = new HandoverDesk(1);
        start(media, recordings);
        answeredCall();
        FakeLegHandle handle = recordings.last();

        component.deactivateForRestart();
        component = null;

        SipMessage bye = client.awaitRequest("BYE", Duration.ofSeconds(10));
        assertThat(bye.header("Reason")).contains("cause=503");
        client.respond(bye, 200, "OK");
        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(handle.ends).hasSize(1).allSatisfy(end -> assertThat(end.reason()).isEqualTo("SHUTDOWN"));
        assertThat(media.last().isClosed()).isTrue();
        start(media, recordings);
        assertThat(component.status().problems()).isEmpty();
    }

    @Test
    void aByeThatArrivesWhileParkedEndsTheCallOnceTakenOver() throws IOException {
        start(media, recordings);
        CucmCall call = answeredCall();
        FakeLegHandle handle = recordings.last();

        component.deactivateForRestart();
        call.bye(null);
        start(media, recordings);

        client.awaitResponse("BYE", 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(handle.ends).hasSize(1);
        assertThat(component.status().activeLegs()).isZero();
    }
}
