package org.forkline.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.forkline.api.LegDirection;
import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.MediaEndCause;
import org.forkline.api.media.PayloadFormat;
import org.forkline.api.media.RemoteMedia;
import org.forkline.api.storage.StorageHealth;
import org.forkline.sip.internal.call.CallServices;
import org.forkline.sip.internal.call.CallTimings;
import org.forkline.sip.internal.fakes.FakeLegHandle;
import org.forkline.sip.internal.fakes.FakeMediaService;
import org.forkline.sip.internal.fakes.FakeMediaSession;
import org.forkline.sip.internal.fakes.FakeRecordingService;
import org.forkline.sip.internal.fakes.FakeStorageStatus;
import org.forkline.testing.InMemoryRecordingUsers;
import org.forkline.sip.internal.sipclient.CucmCall;
import org.forkline.sip.internal.sipclient.SipMessage;
import org.forkline.sip.internal.sipclient.SipTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SIP component with in-memory fakes of the other bundles, driven by real SIP over loopback UDP and TCP. */
class SipCallFlowTest {

    private final FakeMediaService media = new FakeMediaService();
    private final FakeRecordingService recordings = new FakeRecordingService();
    private final InMemoryRecordingUsers users = new InMemoryRecordingUsers().with("1001", true).with("2002", true);
    private final FakeStorageStatus storage = new FakeStorageStatus();
    private final Map<String, Object> config = new HashMap<>();
    @TempDir
    Path dataDir;
    private int port;
    private SipComponent component;
    private SipTestClient client;

    @BeforeEach
    void bindPort() throws IOException {
        port = TestConfigs.freePort();
        config.put("port", port);
    }

    /** After any scenario and the shutdown: every storage leg ended exactly once, every media session closed. */
    @AfterEach
    void stopAndCheckNothingLeaked() throws IOException {
        if (client != null) {
            client.close();
        }
        if (component != null) {
            component.shutdown();
            assertThat(component.trackedLegs()).isZero();
        }
        assertThat(recordings.legs).allSatisfy(leg -> assertThat(leg.ends).as("ends of %s", leg.initialMetadata)
                .hasSize(1));
        assertThat(media.sessions).allSatisfy(session -> assertThat(session.isClosed()).isTrue());
    }

    private void start() throws IOException {
        start(Duration.ofSeconds(32));
    }

    /** Session intervals pass in milliseconds instead of seconds; the ACK wait is shortened as given. */
    private void start(Duration ackTimeout) throws IOException {
        component = new SipComponent(new CallServices(media, recordings, users, storage), dataDir.resolve("drained"),
                TestConfigs.config(config), Map.of(), new CallTimings(ackTimeout, TimeUnit.MILLISECONDS));
        client = SipTestClient.udp("127.0.0.1", port);
    }

    private void assertNoLegLeft() {
        await().atMost(Duration.ofSeconds(5)).until(() -> component.trackedLegs() == 0);
        assertThat(component.status().activeLegs()).isZero();
        assertThat(component.status().activeCalls()).isZero();
    }

    @Test
    void delayedOfferCallIsAnsweredWithRecvonlyOfferConfiguredFromTheAckAndEndedByBye() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "19301625", "1001");
        call.invite(null, null);

        client.awaitResponse("INVITE", 100);
        SipMessage ok = call.expectOk();
        assertThat(ok.header("Server")).isEqualTo("Forkline");
        assertThat(ok.header("Content-Type")).isEqualTo("application/sdp");
        assertThat(ok.header("Session-Expires")).isEqualTo("1800;refresher=uac");
        assertThat(ok.headers("Require")).contains("timer");
        assertThat(ok.header("Supported")).contains("timer");
        assertThat(ok.header("Allow")).contains("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "UPDATE", "INFO",
                "NOTIFY");
        assertThat(ok.contactUri()).isEqualTo("sip:7878@127.0.0.1:" + port + ";transport=udp");
        assertThat(ok.toTag()).isNotBlank();
        FakeMediaSession session = media.last();
        int rtpPort = session.localAddress().getPort();
        assertThat(ok.body()).contains("c=IN IP4 127.0.0.1\r\n",
                "m=audio " + rtpPort + " RTP/AVP 0 8 9 18 114 101\r\n",
                "a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:9 G722/8000\r\n",
                "a=rtpmap:18 G729/8000\r\n", "a=fmtp:18 annexb=no\r\n", "a=rtpmap:114 opus/48000/2\r\n",
                "a=rtpmap:101 telephone-event/8000\r\n", "a=fmtp:101 0-15\r\n", "a=ptime:20\r\n",
                "a=recvonly\r\n");
        assertThat(component.status().activeLegs()).isEqualTo(1);

        call.ack(CucmCall.ACK_ANSWER);
        await().atMost(Duration.ofSeconds(5)).until(() -> !session.configured.isEmpty());
        RemoteMedia remote = session.lastConfigured();
        assertThat(remote.address()).isEqualTo(InetAddress.getByName("10.48.38.107"));
        assertThat(remote.port()).isEqualTo(26396);
        assertThat(remote.direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(remote.payloadTypes()).containsEntry(0, new PayloadFormat("PCMU", 8000, null))
                .containsEntry(101, new PayloadFormat("telephone-event", 8000, "0-15"));
        FakeLegHandle handle = recordings.last();
        assertThat(handle.negotiations).containsExactly("PCMU 10.48.38.107:26396");
        assertThat(handle.initialMetadata.direction()).isEqualTo(LegDirection.NEAR);
        assertThat(handle.initialMetadata.refci()).isEqualTo("19301625");
        assertThat(handle.initialMetadata.near().number()).isEqualTo("1001");
        assertThat(handle.initialMetadata.near().displayName()).isEqualTo("SJ User 2");
        assertThat(handle.initialMetadata.far().number()).isEqualTo("1000");

        call.bye("Q.850;cause=16");
        client.awaitResponse("BYE", 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(session.closeCalls.get()).isEqualTo(1);
        assertThat(handle.ends).containsExactly(new FakeLegHandle.End("BYE", FakeMediaSession.FINAL_STATS));
        assertNoLegLeft();
    }

    @Test
    void nearAndFarLegOfOneCallCountAsOneCallAndTwoLegs() throws Exception {
        start();
        CucmCall near = CucmCall.leg(client, true, "19301625", "1001");
        CucmCall far = CucmCall.leg(client, false, "19301625", "1001");
        near.invite(null, null);
        near.expectOk();
        far.invite(null, null);
        far.expectOk();
        near.ack(CucmCall.ACK_ANSWER);
        far.ack(CucmCall.sdp("10.48.38.107", 26398, "0 101", "sendonly"));

        assertThat(component.status().activeCalls()).isEqualTo(1);
        assertThat(component.status().activeLegs()).isEqualTo(2);
        assertThat(recordings.legs).extracting(leg -> leg.initialMetadata.direction())
                .containsExactly(LegDirection.NEAR, LegDirection.FAR);
        assertThat(recordings.legs.get(0).initialMetadata.pairKey())
                .isEqualTo(recordings.legs.get(1).initialMetadata.pairKey());

        near.bye(null);
        client.awaitResponse("BYE", 200);
        far.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
        assertThat(recordings.legs).allSatisfy(leg -> assertThat(leg.ends).hasSize(1));
    }

    @Test
    void optionsIsAnswered200WhileHealthyAnd503WithRetryAfterWhileDrained() throws Exception {
        start();
        client.send(options());
        SipMessage ok = client.awaitResponse("OPTIONS", 200);
        assertThat(ok.header("Accept")).isEqualTo("application/sdp");
        assertThat(ok.header("Allow")).contains("INVITE", "UPDATE");
        assertThat(ok.header("Supported")).contains("timer");

        component.setDrained(true);
        client.send(options());
        SipMessage drained = client.awaitResponse("OPTIONS", 503);
        assertThat(drained.header("Retry-After")).isEqualTo("30");
        CucmCall call = CucmCall.leg(client, true, "77", "1001");
        call.invite(null, null);
        SipMessage refused = client.awaitFinalResponse("INVITE");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(component.status().problems()).contains("drained by forkline:drain");
        assertThat(recordings.legs).isEmpty();

        component.setDrained(false);
        client.send(options());
        client.awaitResponse("OPTIONS", 200);
        assertNoLegLeft();
    }

    @Test
    void drainSurvivesARestartOfTheComponent() throws Exception {
        start();
        component.setDrained(true);
        component.shutdown();
        component = new SipComponent(new CallServices(media, recordings, users, storage), dataDir.resolve("drained"),
                TestConfigs.config(config), Map.of(), new CallTimings(Duration.ofSeconds(32), TimeUnit.MILLISECONDS));

        assertThat(component.status().drained()).isTrue();
        assertThat(component.status().canRecord()).isFalse();
        client.send(options());
        client.awaitResponse("OPTIONS", 503);
    }

    @Test
    void unknownNearEndNumberIsRefused404UnlessRecordUnknownNumbersIsSet() throws Exception {
        start();
        CucmCall unknown = CucmCall.leg(client, true, "500", "3003");
        unknown.invite(null, null);
        assertThat(client.awaitFinalResponse("INVITE").statusCode()).isEqualTo(404);

        config.put("recordUnknownNumbers", true);
        component.modified(TestConfigs.config(config));
        CucmCall again = CucmCall.leg(client, true, "501", "3003");
        again.invite(null, null);
        again.expectOk();
        again.ack(CucmCall.ACK_ANSWER);
        again.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
    }

    @Test
    void channelLimitRefusesANewCallWith486ButAdmitsThePartnerLegOfACallUp() throws Exception {
        config.put("channelLimit", 1);
        start();
        CucmCall firstNear = CucmCall.leg(client, true, "100", "1001");
        firstNear.invite(null, null);
        firstNear.expectOk();
        firstNear.ack(CucmCall.ACK_ANSWER);

        CucmCall secondNear = CucmCall.leg(client, true, "200", "2002");
        secondNear.invite(null, null);
        assertThat(client.awaitFinalResponse("INVITE").statusCode()).isEqualTo(486);

        CucmCall firstFar = CucmCall.leg(client, false, "100", "1001");
        firstFar.invite(null, null);
        firstFar.expectOk();
        firstFar.ack(CucmCall.ACK_ANSWER);
        assertThat(component.status().activeCalls()).isEqualTo(1);
        assertThat(component.status().activeLegs()).isEqualTo(2);

        firstNear.bye(null);
        client.awaitResponse("BYE", 200);
        firstFar.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
        assertThat(recordings.legs).hasSize(2);
    }

    @Test
    void requestsFromAnUntrustedSourceAreRefused403() throws Exception {
        config.put("trustedPeers", "127.0.0.1/32");
        start();
        try (SipTestClient stranger = SipTestClient.udp("127.0.0.2", port)) {
            CucmCall call = CucmCall.leg(stranger, true, "300", "1001");
            call.invite(null, null);
            assertThat(stranger.awaitFinalResponse("INVITE").statusCode()).isEqualTo(403);
            stranger.send(options(stranger));
            assertThat(stranger.awaitFinalResponse("OPTIONS").statusCode()).isEqualTo(403);
        }
        assertThat(recordings.legs).isEmpty();
        assertNoLegLeft();
    }

    @Test
    void malformedFromMetadataAndBadSdpAreRefused400WithTheReason() throws Exception {
        start();
        CucmCall controlCharacter = CucmCall.leg(client, true, "400", "1001")
                .fromParameter("x-farenddevice", "SEP%0A38ED18552A12");
        controlCharacter.invite(null, null);
        SipMessage refused = client.awaitFinalResponse("INVITE");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.reasonPhrase()).contains("x-farenddevice").contains("control character");

        CucmCall badSdp = CucmCall.leg(client, true, "401", "1001");
        badSdp.invite(null, "v=0\r\nc=IN IP4 phone.example.com\r\nm=audio 4000 RTP/AVP 0\r\n");
        SipMessage badSdpRefused = client.awaitFinalResponse("INVITE");
        assertThat(badSdpRefused.statusCode()).isEqualTo(400);
        assertThat(badSdpRefused.reasonPhrase()).contains("Bad SDP").contains("not an IP address");
        assertThat(recordings.legs).isEmpty();
        assertNoLegLeft();
    }

    @Test
    void earlyOfferIsAnsweredWithTheFirstDecodableCodecAndConfiguredAtOnce() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "600", "1001");
        call.invite(null, CucmCall.sdp("10.48.38.107", 30000, "8 0 101", "sendonly"));
        SipMessage ok = call.expectOk();
        FakeMediaSession session = media.last();
        assertThat(ok.body()).contains("m=audio " + session.localAddress().getPort() + " RTP/AVP 8 101\r\n",
                "a=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:101 telephone-event/8000\r\n", "a=recvonly\r\n");
        assertThat(session.configured).hasSize(1);
        assertThat(session.lastConfigured().port()).isEqualTo(30000);
        assertThat(recordings.last().negotiations).containsExactly("PCMA 10.48.38.107:30000");

        call.ack(null);
        call.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
    }

    @Test
    void reInviteWithInactivePutsTheMediaOnHoldAndSendonlyResumesIt() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "700", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);
        FakeMediaSession session = media.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.configured.size() == 1);

        call.reInvite(CucmCall.sdp("10.48.38.107", 26396, "0 101", "inactive"));
        SipMessage hold = client.awaitResponse("INVITE", 200);
        assertThat(hold.body()).contains("a=inactive\r\n", "m=audio " + session.localAddress().getPort());
        call.ack(null);
        assertThat(session.lastConfigured().direction()).isEqualTo(MediaDirection.INACTIVE);
        assertThat(session.lastConfigured().direction().silent()).isTrue();

        call.reInvite(CucmCall.sdp("10.48.38.107", 26396, "0 101", "sendonly"));
        SipMessage resume = client.awaitResponse("INVITE", 200);
        assertThat(resume.body()).contains("a=recvonly\r\n");
        call.ack(null);
        assertThat(session.lastConfigured().direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(session.configured).hasSize(3);
        assertThat(recordings.last().negotiations).containsExactly("PCMU 10.48.38.107:26396");

        call.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
    }

    @Test
    void updateWithANewFarEndNumberUpdatesTheMetadata() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "800", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);

        call.fromParameter("x-farendaddr", "+41445551234").fromParameter("x-farenddevice", "EU91BCUBE002-Trk");
        call.update(null);
        SipMessage ok = client.awaitResponse("UPDATE", 200);
        assertThat(ok.header("Session-Expires")).isEqualTo("1800;refresher=uac");
        FakeLegHandle handle = recordings.last();
        assertThat(handle.metadataUpdates).hasSize(1);
        assertThat(handle.metadataUpdates.get(0).far().number()).isEqualTo("+41445551234");
        assertThat(handle.metadataUpdates.get(0).far().device()).isEqualTo("EU91BCUBE002-Trk");

        call.update(null);
        client.awaitResponse("UPDATE", 200);
        assertThat(handle.metadataUpdates).hasSize(1);

        call.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
    }

    @Test
    void cancelBeforeTheAnswerIsAnswered487AndReleasesTheLeg() throws Exception {
        start();
        recordings.openLegGate = new CountDownLatch(1);
        CucmCall call = CucmCall.leg(client, true, "900", "1001");
        call.invite(null, null);
        client.awaitResponse("INVITE", 100);
        call.cancel();
        client.awaitResponse("CANCEL", 200);
        recordings.openLegGate.countDown();

        assertThat(client.awaitFinalResponse("INVITE").statusCode()).isEqualTo(487);
        assertNoLegLeft();
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.legs.stream().allMatch(l -> !l.ends.isEmpty()));
        assertThat(recordings.legs).allSatisfy(leg -> assertThat(leg.ends).extracting(FakeLegHandle.End::reason)
                .containsExactly("CANCEL"));
    }

    @Test
    void rtpTimeoutFromTheMediaSessionEndsTheLegWithBye() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "1000", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);
        FakeMediaSession session = media.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.configured.size() == 1);

        session.endByItself(MediaEndCause.RTP_TIMEOUT);
        SipMessage bye = client.awaitRequest("BYE", Duration.ofSeconds(5));
        assertThat(bye.header("Reason")).contains("cause=408").contains("no RTP");
        assertThat(bye.callId()).isEqualTo(call.callId());
        client.respond(bye, 200, "OK");

        FakeLegHandle handle = recordings.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(handle.ends).extracting(FakeLegHandle.End::reason).containsExactly("RTP_TIMEOUT");
        assertNoLegLeft();
    }

    @Test
    void aCallWorksOverTcp() throws Exception {
        config.put("transports", "tcp");
        start();
        client.close();
        client = SipTestClient.tcp(port);
        CucmCall call = CucmCall.leg(client, true, "1100", "1001");
        call.invite(null, null);
        SipMessage ok = call.expectOk();
        assertThat(ok.contactUri()).endsWith(";transport=tcp");
        call.ack(CucmCall.ACK_ANSWER);
        FakeMediaSession session = media.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.configured.size() == 1);
        call.bye(null);
        client.awaitResponse("BYE", 200);
        FakeLegHandle handle = recordings.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(handle.ends).extracting(FakeLegHandle.End::reason).containsExactly("BYE");
        assertNoLegLeft();
    }

    @Test
    void ackWithoutSdpAnswerEndsTheLegWithBye488() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "1200", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(null);

        SipMessage bye = client.awaitRequest("BYE", Duration.ofSeconds(5));
        assertThat(bye.header("Reason")).contains("cause=488").contains("no SDP answer");
        client.respond(bye, 200, "OK");
        FakeLegHandle handle = recordings.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(handle.ends).extracting(FakeLegHandle.End::reason).containsExactly("NO_MEDIA");
        assertThat(media.last().closeCalls.get()).isEqualTo(1);
        assertNoLegLeft();
    }

    @Test
    void ackAnswerWithoutADecodableCodecEndsTheLegWithBye488() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "1250", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.sdp("10.48.38.107", 26396, "4 101", "sendonly"));

        SipMessage bye = client.awaitRequest("BYE", Duration.ofSeconds(5));
        assertThat(bye.header("Reason")).contains("cause=488");
        client.respond(bye, 200, "OK");
        await().atMost(Duration.ofSeconds(5)).until(() -> !recordings.last().ends.isEmpty());
        assertThat(recordings.last().ends).extracting(FakeLegHandle.End::reason).containsExactly("NO_MEDIA");
        assertNoLegLeft();
    }

    @Test
    void missingAckEndsTheLegAsAckTimeout() throws Exception {
        start(Duration.ofMillis(500));
        CucmCall call = CucmCall.leg(client, true, "1300", "1001");
        call.minimalInvite(null);
        call.expectOk();

        FakeLegHandle handle = recordings.last();
        SipMessage bye = client.awaitRequest("BYE", Duration.ofSeconds(5));
        assertThat(bye.header("Reason")).contains("cause=408");
        client.respond(bye, 200, "OK");
        await().atMost(Duration.ofSeconds(5)).until(() -> !handle.ends.isEmpty());
        assertThat(handle.ends).extracting(FakeLegHandle.End::reason).containsExactly("ACK_TIMEOUT");
        assertNoLegLeft();
    }

    @Test
    void sessionNotRefreshedInTimeIsEndedWithBye408() throws Exception {
        config.put("sessionExpiresSeconds", 300);
        start();
        CucmCall call = CucmCall.leg(client, true, "1400", "1001");
        call.invite("Supported: timer\r\nSession-Expires: 300\r\n", null);
        SipMessage ok = call.expectOk();
        assertThat(ok.header("Session-Expires")).isEqualTo("300;refresher=uac");
        call.ack(CucmCall.ACK_ANSWER);

        // the component runs with a millisecond timer unit: 300 "seconds" pass in 300 ms
        SipMessage bye = client.awaitRequest("BYE", Duration.ofSeconds(5));
        assertThat(bye.header("Reason")).contains("cause=408").contains("session timer expired");
        client.respond(bye, 200, "OK");
        await().atMost(Duration.ofSeconds(5)).until(() -> !recordings.last().ends.isEmpty());
        assertThat(recordings.last().ends).extracting(FakeLegHandle.End::reason).containsExactly("SESSION_EXPIRED");
        assertNoLegLeft();
    }

    @Test
    void withoutSessionTimerSupportNoSessionExpiresIsGrantedAndTheLegStaysUp() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "1450", "1001");
        call.minimalInvite(null);
        SipMessage ok = call.expectOk();
        assertThat(ok.header("Session-Expires")).isNull();
        assertThat(ok.headers("Require")).isEmpty();
        call.ack(CucmCall.ACK_ANSWER);
        assertThat(client.poll(m -> "BYE".equals(m.method()), Duration.ofMillis(2500))).isEmpty();
        assertThat(component.status().activeLegs()).isEqualTo(1);
        call.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
    }

    @Test
    void deactivationEndsLiveLegsWithByeOnce() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "1500", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);
        FakeMediaSession session = media.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.configured.size() == 1);

        component.shutdown();
        SipMessage bye = client.awaitRequest("BYE", Duration.ofSeconds(5));
        assertThat(bye.header("Reason")).contains("cause=503");
        FakeLegHandle handle = recordings.last();
        assertThat(handle.ends).containsExactly(new FakeLegHandle.End("SHUTDOWN", FakeMediaSession.FINAL_STATS));
        assertThat(session.closeCalls.get()).isEqualTo(1);
        assertThat(component.trackedLegs()).isZero();
        component = null;
    }

    @Test
    void storageThatCannotOpenTheLegIsAnswered503() throws Exception {
        start();
        recordings.unavailable = true;
        CucmCall call = CucmCall.leg(client, true, "1600", "1001");
        call.invite(null, null);
        SipMessage refused = client.awaitFinalResponse("INVITE");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(media.sessions).isEmpty();
        assertNoLegLeft();
    }

    @Test
    void mediaThatCannotOpenIsAnswered503AndTheStorageLegEndsAsError() throws Exception {
        start();
        media.unavailable = true;
        CucmCall call = CucmCall.leg(client, true, "1700", "1001");
        call.invite(null, null);
        assertThat(client.awaitFinalResponse("INVITE").statusCode()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(5)).until(() -> !recordings.last().ends.isEmpty());
        assertThat(recordings.last().ends).extracting(FakeLegHandle.End::reason).containsExactly("ERROR");
        assertNoLegLeft();
    }

    @Test
    void unhealthyStorageMakesTheNodeUnavailableWithTheStorageProblem() throws Exception {
        start();
        storage.health = new StorageHealth(true, true, 10, 1_000, 0, 0,
                "disk space low: 10 bytes free on /data");
        client.send(options());
        assertThat(client.awaitFinalResponse("OPTIONS").statusCode()).isEqualTo(503);
        CucmCall call = CucmCall.leg(client, true, "1750", "1001");
        call.invite(null, null);
        assertThat(client.awaitFinalResponse("INVITE").statusCode()).isEqualTo(503);
        assertThat(component.status().problems()).containsExactly("disk space low: 10 bytes free on /data");
        assertNoLegLeft();
    }

    @Test
    void aNewPortReBindsTheListener() throws Exception {
        start();
        int newPort = TestConfigs.freePort();
        config.put("port", newPort);
        component.modified(TestConfigs.config(config));
        try (SipTestClient moved = SipTestClient.udp("127.0.0.1", newPort)) {
            moved.send(options(moved).replace(":" + port + " ", ":" + newPort + " "));
            assertThat(moved.awaitFinalResponse("OPTIONS").statusCode()).isEqualTo(200);
        }
        client.send(options());
        assertThat(client.poll(SipMessage::isResponse, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void invalidConfigurationChangeKeepsThePreviousSettings() throws Exception {
        start();
        config.put("code.unavailable", 200);
        component.modified(TestConfigs.config(config));
        component.setDrained(true);
        client.send(options());
        assertThat(client.awaitFinalResponse("OPTIONS").statusCode()).isEqualTo(503);
    }

    @Test
    void reInviteWithoutSdpIsAnsweredWithAnOfferAndTheAckAnswerIsApplied() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "1800", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);
        FakeMediaSession session = media.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.configured.size() == 1);

        call.reInvite(null);
        SipMessage ok = client.awaitResponse("INVITE", 200);
        assertThat(ok.body()).contains("a=recvonly", "RTP/AVP 0 8 9 18 114 101").contains("o=Forkline ")
                .doesNotContain(" 1 IN IP4");
        call.ack(CucmCall.sdp("10.48.38.108", 27000, "9 101", "sendonly"));
        await().atMost(Duration.ofSeconds(5)).until(() -> session.configured.size() == 2);
        assertThat(session.lastConfigured().port()).isEqualTo(27000);
        assertThat(recordings.last().negotiations).containsExactly("PCMU 10.48.38.107:26396",
                "G722 10.48.38.108:27000");
        call.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
    }

    @Test
    void infoInADialogIsAcknowledgedUnknownDialogsGet481AndOtherMethods405() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "1900", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);
        call.inDialog("INFO");
        client.awaitResponse("INFO", 200);
        call.inDialog("MESSAGE");
        SipMessage notAllowed = client.awaitResponse("MESSAGE", 405);
        assertThat(notAllowed.header("Allow")).contains("INVITE");
        call.bye(null);
        client.awaitResponse("BYE", 200);
        call.inDialog("INFO");
        client.awaitResponse("INFO", 481);
        call.bye(null);
        client.awaitResponse("BYE", 481);
        assertNoLegLeft();
    }

    @Test
    void siprecInviteIsAnswered420WithUnsupportedSiprec() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "2000", "1001");
        call.invite("Require: siprec\r\nSupported: timer\r\n", null);
        SipMessage refused = client.awaitFinalResponse("INVITE");
        assertThat(refused.statusCode()).isEqualTo(420);
        assertThat(refused.header("Unsupported")).isEqualTo("siprec");
        assertNoLegLeft();
    }

    @Test
    void plainInviteWithoutCucmParametersIsRecordedAsANearLeg() throws Exception {
        start();
        CucmCall call = CucmCall.plain(client, "2002");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);
        assertThat(recordings.last().initialMetadata.direction()).isEqualTo(LegDirection.NEAR);
        assertThat(recordings.last().initialMetadata.refci()).isNull();
        assertThat(recordings.last().initialMetadata.pairKey()).isEqualTo("call-id:" + call.callId());
        call.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
    }

    @Test
    void anInvalidConfigurationPreventsActivationAndNamesTheKey() {
        config.put("trustedPeers", "10.0.0.1, cucm-pub");

        assertThatThrownBy(() -> start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trustedPeers").hasMessageContaining("'cucm-pub'");
    }

    @Test
    void aPortInUseIsReportedAsAProblemAndTheNodeCannotRecord() throws Exception {
        config.put("transports", "udp");
        try (DatagramSocket squatter = new DatagramSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            start();

            assertThat(component.status().canRecord()).isFalse();
            assertThat(component.status().problems()).singleElement().asString()
                    .startsWith("SIP is not listening: cannot listen on udp 127.0.0.1:" + port);
        }
        config.put("transports", "udp");
        config.put("port", TestConfigs.freePort());
        component.modified(TestConfigs.config(config));
        assertThat(component.status().canRecord()).isTrue();
    }

    @Test
    void deactivationStopsEveryThreadItStarted() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        start();
        CucmCall call = CucmCall.leg(client, true, "2100", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);
        client.close();
        client = SipTestClient.tcp(port);
        client.send(options().replace("SIP/2.0/UDP", "SIP/2.0/TCP"));
        client.awaitFinalResponse("OPTIONS");

        component.shutdown();
        component = null;

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet()
                .stream().filter(thread -> !before.contains(thread) && thread.isAlive()).map(Thread::getName)
                .filter(name -> !name.startsWith("awaitility"))).isEmpty());
    }

    @Test
    void aCallWorksOverIpv6WithAnIp6Offer() throws Exception {
        config.put("address", "::1");
        config.put("transports", "udp");
        media.bindAddress = InetAddress.getByName("::1");
        start();
        client.close();
        client = SipTestClient.udp("::1", port);
        CucmCall call = CucmCall.leg(client, true, "2200", "1001");
        call.invite(null, null);
        SipMessage ok = call.expectOk();

        assertThat(ok.contactUri()).startsWith("sip:7878@[").endsWith("]:" + port + ";transport=udp");
        assertThat(ok.body()).contains("c=IN IP6 0:0:0:0:0:0:0:1\r\n");
        call.ack(CucmCall.sdp("10.48.38.107", 26396, "0 101", "sendonly").replace("IN IP4 10.48.38.107",
                "IN IP6 2001:db8::107"));
        FakeMediaSession session = media.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.configured.size() == 1);
        assertThat(recordings.last().negotiations).containsExactly("PCMU [2001:db8:0:0:0:0:0:107]:26396");
        call.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
    }

    @Test
    void updateWithSdpIsAnOfferAnsweredInItsOk() throws Exception {
        start();
        CucmCall call = CucmCall.leg(client, true, "2300", "1001");
        call.invite(null, null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);
        FakeMediaSession session = media.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.configured.size() == 1);

        call.update(CucmCall.sdp("10.48.38.109", 28000, "8 101", "recvonly"));
        SipMessage ok = client.awaitResponse("UPDATE", 200);

        assertThat(ok.body()).contains("m=audio " + session.localAddress().getPort() + " RTP/AVP 8 101\r\n",
                "a=inactive\r\n");
        assertThat(session.lastConfigured().direction()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(recordings.last().negotiations).containsExactly("PCMU 10.48.38.107:26396",
                "PCMA 10.48.38.109:28000");
        call.bye(null);
        client.awaitResponse("BYE", 200);
        assertNoLegLeft();
    }

    @Test
    void sessionRefreshesKeepTheLegUpUntilTheyStop() throws Exception {
        config.put("sessionExpiresSeconds", 1000);
        start();
        CucmCall call = CucmCall.leg(client, true, "2400", "1001");
        call.invite("Supported: timer\r\nSession-Expires: 1000\r\n", null);
        call.expectOk();
        call.ack(CucmCall.ACK_ANSWER);

        // the component runs with a millisecond timer unit: the granted 1000 "seconds" last one second
        for (int refresh = 0; refresh < 6; refresh++) {
            assertThat(client.poll(m -> "BYE".equals(m.method()), Duration.ofMillis(300))).isEmpty();
            call.update(null);
            client.awaitResponse("UPDATE", 200);
        }
        SipMessage bye = client.awaitRequest("BYE", Duration.ofSeconds(5));
        assertThat(bye.header("Reason")).contains("session timer expired");
        client.respond(bye, 200, "OK");
        await().atMost(Duration.ofSeconds(5)).until(() -> !recordings.last().ends.isEmpty());
        assertThat(recordings.last().ends).extracting(FakeLegHandle.End::reason).containsExactly("SESSION_EXPIRED");
        assertNoLegLeft();
    }

    private String options() {
        return options(client);
    }

    private String options(SipTestClient from) {
        return "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + from.host() + ":" + from.port() + ";branch=z9hG4bK" + System.nanoTime()
                + "\r\n"
                + "From: <sip:10.48.38.5>;tag=" + System.nanoTime() + "\r\n"
                + "To: <sip:127.0.0.1>\r\n"
                + "Call-ID: options-" + System.nanoTime() + "@10.48.38.5\r\n"
                + "CSeq: 101 OPTIONS\r\n"
                + "Max-Forwards: 0\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
