package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.forkline.itests.support.AudioAssertions.assertTone;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.forkline.itests.support.CucmCall;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.HealthView;
import org.forkline.itests.support.JavaCall;
import org.forkline.itests.support.RecordingJson;
import org.forkline.itests.support.Recordings;
import org.forkline.itests.support.RtpPacket;
import org.forkline.itests.support.RtpStream;
import org.forkline.itests.support.RtpSender;
import org.forkline.itests.support.Sdp;
import org.forkline.itests.support.SipMessage;
import org.forkline.itests.support.SipUac;
import org.forkline.itests.support.SipUdpClient;
import org.forkline.itests.support.Tone;
import org.forkline.itests.support.WavAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Garbage on the SIP and RTP ports is answered with 4xx or ignored, never crashes or leaks anything: the node keeps
 * answering, recordings survive junk on their RTP port, and every port and leg is released at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final String USER = "4001";
    private static final Duration NO_ANSWER_WAIT = Duration.ofSeconds(1);

    private static ForklineNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = NODES.start(ForklineNode.builder("badinput")
                .config("org.forkline.storage", "pairingWaitSeconds", 3)
                .config("org.forkline.rtp", "inactivityTimeoutSeconds", 10));
        node.rest().putUser(USER, "Agent 4001", true);
    }

    @Test
    @Order(1)
    void malformedDatagramsGetA4xxOrNothingAndTheNodeKeepsAnsweringOptions() {
        SoftAssertions softly = new SoftAssertions();
        for (Malformed input : malformedInputs()) {
            try (SipUdpClient sip = SipUdpClient.to(node)) {
                sip.sendBytes(input.datagram());
                List<SipMessage> answers = new ArrayList<>();
                for (Optional<SipMessage> answer = sip.receive(NO_ANSWER_WAIT); answer.isPresent();
                        answer = sip.receive(NO_ANSWER_WAIT)) {
                    answers.add(answer.get());
                }
                softly.assertThat(answers).as("answers to %s", input.name())
                        .allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.startLine()).isBetween(400, 499));
                softly.assertThat(sip.options(Duration.ofSeconds(5)).map(SipMessage::statusCode))
                        .as("OPTIONS after %s", input.name()).hasValue(200);
            }
        }
        softly.assertAll();
    }

    @Test
    @Order(2)
    void anInviteWithAMalformedSdpOfferIsRefusedWith400() {
        try (SipUac uac = new SipUac(node, CucmCall.of("74001", USER).near())) {
            SipMessage answer = uac.invite("application/sdp", "v=0\r\no=broken\r\nc=IN IP4\r\nm=audio port RTP/AVP\r\n");

            assertThat(answer.statusCode()).as("answer:\n%s", answer).isEqualTo(400);
        }
    }

    @Test
    @Order(3)
    void anAckWhoseAnswerHasNoDecodableCodecMakesTheNodeHangUp() {
        try (SipUac uac = new SipUac(node, CucmCall.of("74002", USER).near())) {
            SipMessage answer = uac.invite();
            assertThat(answer.statusCode()).as("answer:\n%s", answer).isEqualTo(200);

            // G.723 only: nothing Forkline offers or decodes, as when CUCM finds no common codec and no transcoder.
            uac.ack(Sdp.answer("127.0.0.1", 40000, "sendonly", "4 101", "a=rtpmap:4 G723/8000",
                    "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15"));

            assertThat(uac.awaitRequestAndAccept("BYE", Duration.ofSeconds(10)))
                    .as("BYE from the node after an answer without a usable codec").isPresent();
        }
    }

    @Test
    @Order(4)
    void junkOnALiveRtpPortIsCountedAsMalformedAndTheRecordingSurvives() throws Exception {
        long malformedBefore = malformedCount(node.rest().health());
        CucmCall call = CucmCall.of("74003", USER);
        int injected = 0;
        RecordingJson recording;
        try (JavaCall javaCall = JavaCall.start(node, call, RtpStream.of(Tone.of(700), 4000, 4001),
                RtpStream.of(Tone.of(1300), 4000, 4002))) {
            RtpSender near = javaCall.near().sender();
            await().atMost(Duration.ofSeconds(5)).until(() -> near.millisSent() >= 1000);
            injected += injectJunk(near, 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> near.millisSent() >= 2500);
            injected += injectJunk(near, 2);
            await().atMost(Duration.ofSeconds(5)).until(near::finished);
            javaCall.hangUp();
        }
        recording = Recordings.awaitSealed(node.rest(), USER, call.refci(), Duration.ofSeconds(45));

        assertThat(recording.durationMillis()).isCloseTo(4000, org.assertj.core.api.Assertions.within(250L));
        assertThat(recording.leg("NEAR").orElseThrow().stats().packetsMalformed())
                .as("malformed packets counted on the near leg").isGreaterThanOrEqualTo(injected);
        assertThat(recording.leg("NEAR").orElseThrow().stats().packetsReceived()).isBetween(199L, 200L);
        WavAudio wav = Recordings.wav(node.rest(), recording.id());
        assertTone(wav, 0, 200, 3800, 700, 1300, 20);
        assertTone(wav, 1, 200, 3800, 1300, 700, 20);
        long malformedAfter = malformedCount(node.rest().health());
        assertThat(malformedAfter - malformedBefore).as("growth of the node's malformed-packet counter")
                .isGreaterThanOrEqualTo(injected);
    }

    @Test
    @Order(5)
    void afterwardsNoPortIsInUseAndNoLegIsActive() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HealthView health = node.rest().health();
            assertThat(health.portsInUse()).as("media.portsInUse in %s", health).hasValue(0);
            assertThat(health.activeLegs()).as("activeLegs in %s", health).hasValue(0);
            assertThat(health.activeCalls()).as("activeCalls in %s", health).hasValue(0);
        });
        try (SipUdpClient sip = SipUdpClient.to(node)) {
            assertThat(sip.options(Duration.ofSeconds(5)).map(SipMessage::statusCode)).hasValue(200);
        }
    }

    /** Ten each of: text, too short for RTP, wrong RTP version, valid RTP with a payload type never negotiated. */
    private static int injectJunk(RtpSender sender, long seed) {
        Random random = new Random(seed);
        int count = 0;
        for (int i = 0; i < 10; i++) {
            sender.inject(("not RTP at all " + i).getBytes(StandardCharsets.US_ASCII));
            sender.inject(new byte[] {(byte) 0x80, 0, 1, 2, 3});
            byte[] wrongVersion = new byte[172];
            random.nextBytes(wrongVersion);
            wrongVersion[0] = 0x40; // version 1
            sender.inject(wrongVersion);
            byte[] payload = new byte[160];
            random.nextBytes(payload);
            sender.inject(RtpPacket.build(96, false, random.nextInt(65536), random.nextInt() & 0xFFFFFFFFL,
                    0xBADBADL, payload));
            count += 4;
        }
        return count;
    }

    private static long malformedCount(HealthView health) {
        return health.packetsMalformed().orElseThrow(() -> new AssertionError(
                "health has no media.packetsMalformed (nor media.totals.packetsMalformed): " + health));
    }

    private record Malformed(String name, byte[] datagram) {
    }

    private static List<Malformed> malformedInputs() {
        byte[] junk = new byte[512];
        new Random(4).nextBytes(junk);
        junk[0] = 0;
        String branch = SipUdpClient.newBranch();
        String via = "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=" + branch + "\r\n";
        String from = "From: <sip:cucm@127.0.0.1>;tag=bad1\r\n";
        String to = "To: <sip:7878@127.0.0.1>\r\n";
        String callId = "Call-ID: " + UUID.randomUUID() + "@127.0.0.1\r\n";
        String cseq = "CSeq: 1 OPTIONS\r\n";
        String tail = "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        String requestLine = "OPTIONS sip:7878@127.0.0.1 SIP/2.0\r\n";
        return List.of(
                new Malformed("binary junk", junk),
                new Malformed("an OPTIONS without Call-ID", bytes(requestLine + via + from + to + cseq + tail)),
                new Malformed("an OPTIONS without CSeq", bytes(requestLine + via + from + to + callId + tail)),
                new Malformed("a bad request line", bytes("OPTIONS\u0001 this is not a request line\r\n" + via + from
                        + to + callId + cseq + tail)),
                new Malformed("an oversized header", bytes(requestLine + via + from + to + callId + cseq
                        + "X-Padding: " + "a".repeat(60_000) + "\r\n" + tail)),
                new Malformed("a Content-Length beyond the datagram", bytes(requestLine + via + from + to + callId
                        + cseq + "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: 500\r\n\r\nv=0\r\n")),
                new Malformed("a CSeq without method", bytes(requestLine + via + from + to + callId + "CSeq: 1\r\n"
                        + tail)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
