package org.forkline.sip.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;
import org.forkline.api.media.MediaStatistics;
import org.forkline.api.node.NodeStatus;
import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.TestConfigs;
import org.forkline.sip.internal.call.InviteScreening.Admit;
import org.forkline.sip.internal.call.InviteScreening.Reject;
import org.forkline.sip.internal.call.InviteScreening.Verdict;
import org.forkline.sip.internal.fakes.FakeMediaService;
import org.forkline.sip.internal.fakes.FakeRecordingService;
import org.forkline.sip.internal.fakes.FakeStorageStatus;
import org.forkline.testing.InMemoryRecordingUsers;
import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

class InviteScreeningTest {

    private static final String CUCM = "127.0.0.1";

    private final FakeMediaService media = new FakeMediaService();
    private final FakeRecordingService recordings = new FakeRecordingService();
    private final InMemoryRecordingUsers users = new InMemoryRecordingUsers();
    private final LegRegistry registry = new LegRegistry();
    private final Map<String, Object> config = new HashMap<>(Map.of("trustedPeers", "127.0.0.1/32"));
    private final AtomicReference<SipSettings> settings = new AtomicReference<>();
    private final AtomicReference<NodeStatus> status = new AtomicReference<>(status(true));
    private final InviteScreening screening = new InviteScreening(
            new CallServices(media, recordings, users, new FakeStorageStatus()), registry, settings::get,
            status::get);

    private void configure() throws Exception {
        settings.set(TestConfigs.settings(config));
    }

    @Test
    void checksRunInFailoverOrderUntrustedMalformedUnavailableUnknownUserChannelLimit() throws Exception {
        config.put("channelLimit", 1);
        configure();
        admit(invite("other-call", "refci=1", "1001", ""));
        status.set(status(false));
        String badFrom = "x-nearendaddr=1001;x-farenddevice=SEP%0A1;x-refci=2";

        assertThat(reject(invite("c1", badFrom, "1001", ""), "10.9.9.9").code()).isEqualTo(403);
        assertThat(reject(invite("c2", badFrom, "1001", ""), CUCM).code()).isEqualTo(400);
        Reject unavailable = reject(invite("c3", "x-refci=2", "1001", ""), CUCM);
        assertThat(unavailable.code()).isEqualTo(503);
        assertThat(unavailable.headers()).containsEntry("Retry-After", "30");
        assertThat(unavailable.why()).contains("storage offline");
        status.set(status(true));
        Reject unknown = reject(invite("c4", "x-refci=2", "1001", ""), CUCM);
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.why()).contains("forkline:users add 1001");
        users.with("1001", true);
        Reject busy = reject(invite("c5", "x-refci=2", "1001", ""), CUCM);
        assertThat(busy.code()).isEqualTo(486);
        assertThat(busy.why()).contains("channelLimit 1 reached");
        registry.snapshot().forEach(registry::remove);

        assertThat(screening.screen(leg("c6"), invite("c6", "x-refci=2", "1001", ""), CUCM)).isInstanceOf(Admit.class);
    }

    @Test
    void configuredCodesAndRetryAfterAreUsed() throws Exception {
        config.putAll(Map.of("code.unavailable", 480, "code.unknownUser", 604, "code.channelLimit", 600,
                "retryAfterSeconds", 0));
        configure();
        status.set(status(false));
        Reject unavailable = reject(invite("c1", "", "1001", ""), CUCM);
        assertThat(unavailable.code()).isEqualTo(480);
        assertThat(unavailable.headers()).doesNotContainKey("Retry-After");
        status.set(status(true));
        assertThat(reject(invite("c2", "", "1001", ""), CUCM).code()).isEqualTo(604);
        config.put("channelLimit", 0);
        config.put("recordUnknownNumbers", true);
        configure();
        assertThat(reject(invite("c3", "", "1001", ""), CUCM).code()).isEqualTo(600);
    }

    @Test
    void siprecAndOtherRequiredExtensionsAreRefused420WithUnsupported() throws Exception {
        configure();
        users.with("1001", true);
        Reject siprec = reject(invite("c1", "", "1001", "Require: siprec\r\n"), CUCM);
        assertThat(siprec.code()).isEqualTo(420);
        assertThat(siprec.headers()).containsEntry("Unsupported", "siprec");
        assertThat(siprec.why()).contains("SIPREC");
        Reject other = reject(invite("c2", "", "1001", "Require: 100rel, timer\r\n"), CUCM);
        assertThat(other.headers()).containsEntry("Unsupported", "100rel");
        assertThat(screening.screen(leg("c3"), invite("c3", "", "1001", "Require: timer\r\n"), CUCM))
                .isInstanceOf(Admit.class);
    }

    @Test
    void bodiesOtherThanSdpAreRefused415WithAccept() throws Exception {
        configure();
        Reject reject = reject(withBody(invite("c1", "", "1001", ""), "text/plain", "hello"), CUCM);

        assertThat(reject.code()).isEqualTo(415);
        assertThat(reject.headers()).containsEntry("Accept", "application/sdp");
    }

    @Test
    void unparsableSdpIsRefused400AndUndecodableOffers488() throws Exception {
        configure();
        Reject bad = reject(withBody(invite("c1", "", "1001", ""), "application/sdp", "v=0\r\nm=audio x\r\n"), CUCM);
        assertThat(bad.code()).isEqualTo(400);
        assertThat(bad.reasonPhrase()).startsWith("Bad SDP: ");

        Reject noCodec = reject(withBody(invite("c2", "", "1001", ""), "application/sdp", sdp("RTP/AVP", 4000, "4 3")),
                CUCM);
        assertThat(noCodec.code()).isEqualTo(488);
        assertThat(noCodec.why()).contains("G723/8000", "decoded here: PCMU");
        assertThat(reject(withBody(invite("c3", "", "1001", ""), "application/sdp", sdp("RTP/SAVP", 4000, "0")), CUCM)
                .why()).contains("SRTP");
        assertThat(reject(withBody(invite("c4", "", "1001", ""), "application/sdp", sdp("RTP/AVP", 0, "0")), CUCM)
                .why()).contains("port 0");
    }

    @Test
    void sessionIntervalsBelowTheMinimumAreRefused422WithMinSe() throws Exception {
        configure();
        Reject tooSmall = reject(invite("c1", "", "1001", "Session-Expires: 60\r\n"), CUCM);
        assertThat(tooSmall.code()).isEqualTo(422);
        assertThat(tooSmall.headers()).containsEntry("Min-SE", "90");
    }

    @Test
    void anUnparsableSessionExpiresIsDroppedByTheStackSoNoTimerIsGranted() throws Exception {
        configure();
        users.with("1001", true);

        Admit admit = (Admit) screening.screen(leg("c1"), invite("c1", "", "1001", "Session-Expires: soon\r\n"), CUCM);

        assertThat(admit.sessionExpires()).isZero();
    }

    @Test
    void earlyOfferIsAdmittedWithTheFirstDecodableCodecAndTheGrantedInterval() throws Exception {
        configure();
        users.with("1001", true);
        Request invite = withBody(invite("c1", "x-nearend;x-refci=9", "1001",
                "Supported: timer\r\nSession-Expires: 3600\r\n"), "application/sdp", sdp("RTP/AVP", 4000, "18 8 101"));

        Admit admit = (Admit) screening.screen(leg("c1"), invite, CUCM);

        assertThat(admit.chosen().payloadType()).isEqualTo(18);
        assertThat(admit.offer().port()).isEqualTo(4000);
        assertThat(admit.sessionExpires()).isEqualTo(1800);
        assertThat(admit.metadata().refci()).isEqualTo("9");
        assertThat(registry.activeLegs()).isEqualTo(1);
    }

    @Test
    void disabledUsersAreRefusedAndUnknownNumbersPassWhenConfigured() throws Exception {
        configure();
        users.with("1001", false);
        assertThat(reject(invite("c1", "", "1001", ""), CUCM).why()).contains("disabled");

        config.put("recordUnknownNumbers", true);
        configure();
        assertThat(screening.screen(leg("c2"), invite("c2", "", "9999", ""), CUCM)).isInstanceOf(Admit.class);
    }

    @Test
    void thePartnerLegOfAnAdmittedOrStillStoredCallIsAdmittedAtTheLimit() throws Exception {
        config.put("channelLimit", 1);
        configure();
        users.with("1001", true);
        admit(invite("near", "x-nearend;x-refci=77;x-nearendclusterid=C1", "1001", ""));

        assertThat(screening.screen(leg("far"), invite("far", "x-farend;x-refci=77;x-nearendclusterid=c1", "1001", ""),
                CUCM)).isInstanceOf(Admit.class);
        assertThat(registry.activeCalls()).isEqualTo(1);
        assertThat(registry.activeLegs()).isEqualTo(2);
    }

    @Test
    void aCallStorageStillHasActiveIsNotANewCall() throws Exception {
        config.put("channelLimit", 1);
        configure();
        users.with("1001", true);
        admit(invite("first", "x-refci=1", "1001", ""));
        recordings.openLeg(new LegMetadata(LegDirection.NEAR, null, "55", null,
                null, null, null, null, null, "elsewhere", null));

        assertThat(screening.screen(leg("late"), invite("late", "x-farend;x-refci=55", "1001", ""), CUCM))
                .isInstanceOf(Admit.class);
    }

    @Test
    void channelLimitHoldsUnderConcurrentInvites() throws Exception {
        config.put("channelLimit", 10);
        configure();
        users.with("1001", true);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Verdict>> invites = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String callId = "call-" + i;
                Request invite = invite(callId, "x-nearend;x-refci=" + i, "1001", "");
                invites.add(() -> screening.screen(leg(callId), invite, CUCM));
            }
            int admitted = 0;
            for (Future<Verdict> verdict : pool.invokeAll(invites)) {
                admitted += verdict.get() instanceof Admit ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(10);
            assertThat(registry.activeCalls()).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Admits a leg for setup, with its near-end number known just for that moment. */
    private void admit(Request invite) {
        boolean known = users.find("1001").isPresent();
        users.with("1001", true);
        assertThat(screening.screen(leg(callId(invite)), invite, CUCM)).as("setup admission")
                .isInstanceOf(Admit.class);
        if (!known) {
            users.remove("1001");
        }
    }

    private Reject reject(Request invite, String source) {
        Verdict verdict = screening.screen(leg(callId(invite)), invite, source);
        assertThat(verdict).isInstanceOf(Reject.class);
        return (Reject) verdict;
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private Leg leg(String callId) {
        Leg leg = new Leg(callId, "tag-" + callId, null, "udp");
        registry.track(leg);
        return leg;
    }

    private static NodeStatus status(boolean canRecord) {
        return new NodeStatus("node1", canRecord, canRecord ? List.of() : List.of("storage offline"), false, 0, 0, 0,
                FakeStorageStatus.HEALTHY, new MediaStatistics(0, 0, 100, MediaStats.EMPTY));
    }

    private static String sdp(String profile, int port, String payloadTypes) {
        return "v=0\r\no=CUCM 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio " + port + " "
                + profile + " " + payloadTypes + "\r\na=rtpmap:101 telephone-event/8000\r\n";
    }

    private static Request invite(String callId, String fromParameters, String user, String headers)
            throws Exception {
        String text = "INVITE sip:7878@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK" + callId + "\r\n"
                + "From: \"Agent\" <sip:" + user + "@10.48.38.5" + (fromParameters.isEmpty() ? "" : ";" + fromParameters)
                + ">;tag=tag-" + callId + "\r\n"
                + "To: <sip:7878@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 101 INVITE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:5062>\r\n"
                + headers
                + "Content-Length: 0\r\n\r\n";
        return new MessageFactoryImpl().createRequest(text);
    }

    private static Request withBody(Request request, String contentType, String body) throws Exception {
        String[] type = contentType.split("/");
        request.setContent(body, new HeaderFactoryImpl().createContentTypeHeader(type[0],
                type[1]));
        return request;
    }
}
