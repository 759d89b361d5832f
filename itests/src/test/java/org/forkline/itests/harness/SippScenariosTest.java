package org.forkline.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.forkline.itests.support.CucmCall;
import org.forkline.itests.support.ItWork;
import org.forkline.itests.support.PcapFile;
import org.forkline.itests.support.RtpPacket;
import org.forkline.itests.support.RtpPcapWriter;
import org.forkline.itests.support.RtpStream;
import org.forkline.itests.support.Sdp;
import org.forkline.itests.support.SipMessage;
import org.forkline.itests.support.Sipp;
import org.forkline.itests.support.SippResult;
import org.forkline.itests.support.SippRun;
import org.forkline.itests.support.Tone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SIPp scenarios of the end-to-end tests, run against a fake recorder: they send what CUCM sends and check what they must. */
class SippScenariosTest {

    private static final CucmCall CALL = CucmCall.of("19301625", "1001");

    private FakeRecorder recorder;

    @BeforeEach
    void startRecorder() {
        recorder = new FakeRecorder();
    }

    @AfterEach
    void stopRecorder() {
        recorder.close();
    }

    @Test
    void cucmLegSendsTheCucmInviteAndAckAndPlaysItsPcapToTheOfferedPort() {
        PcapFile pcap = pcap("leg-700", Tone.of(700), 1000, 1);

        SippResult result = leg(CALL.near(), pcap).run();

        result.assertSucceeded();
        SipMessage invite = recorder.requests("INVITE").get(0);
        assertThat(invite.header("Content-Length")).hasValue("0");
        assertThat(invite.header("From").orElseThrow())
                .startsWith("\"SJ User 2\" <sip:1001@127.0.0.1;x-nearend;x-refci=19301625;")
                .contains(";x-nearendclusterid=StandAloneCluster;x-nearenddevice=SEP6C416A369525;x-nearendaddr=1001;"
                        + "x-farendrefci=19301624;x-farendclusterid=StandAloneCluster;x-farenddevice=SEP38ED18552A12;"
                        + "x-farendaddr=1000>;tag=");
        assertThat(invite.header("User-Agent")).hasValue("Cisco-CUCM11.5");
        assertThat(invite.header("Session-Expires")).hasValue("1800");
        assertThat(invite.header("Min-SE")).hasValue("1800");
        assertThat(invite.header("Expires")).hasValue("180");
        assertThat(invite.header("Cisco-Guid")).hasValueSatisfying(guid -> assertThat(guid).matches("\\d{10}(-\\d{10}){3}"));
        assertThat(invite.header("Session-ID")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32};remote=0{32}"));
        assertThat(invite.headers("Supported")).contains("timer,resource-priority,replaces");
        SipMessage ack = recorder.requests("ACK").get(0);
        assertThat(ack.header("Content-Type")).hasValue("application/sdp");
        assertThat(ack.body()).contains("a=sendonly", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-15", "a=ptime:20", "c=IN IP4 127.0.0.1");
        assertThat(Sdp.payloadTypes(ack.body())).containsExactly(0, 101);
        int announcedPort = Sdp.mediaAddress(ack.body()).getPort();
        assertThat(recorder.requests("BYE")).hasSize(1);
        assertThat(result.actionLog()).anyMatch(line -> line.contains("answered media=127.0.0.1:" + recorder.rtpPort()));

        await().atMost(Duration.ofSeconds(3)).until(() -> recorder.rtpReceived().size() >= pcap.packetsInFile());
        List<FakeRecorder.Received> rtp = recorder.rtpReceived();
        assertThat(rtp).hasSize(pcap.packetsInFile());
        assertThat(rtp).allSatisfy(packet -> {
            assertThat(packet.source().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(packet.source().getPort()).as("RTP source port = the port in the ACK's SDP").isEqualTo(announcedPort);
        });
        assertThat(rtp.get(0).data()).isEqualTo(pcap.stream().packet(0));
        assertThat(RtpPacket.sequence(rtp.get(rtp.size() - 1).data()))
                .isEqualTo((pcap.stream().firstSequence() + pcap.stream().packets() - 1) & 0xFFFF);
    }

    @Test
    void cucmLegFailsWhenTheOfferIsNotReceiveOnly() {
        recorder.offerDirection("sendrecv");

        SippResult result = leg(CALL.near(), pcap("leg-check", Tone.of(700), 200, 2)).run();

        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void farLegCarriesTheFarEndFlagAndCanStartLate() {
        long started = System.nanoTime();

        SippResult result = leg(CALL.far(), pcap("leg-1300", Tone.of(1300), 200, 3))
                .startDelay(Duration.ofMillis(1500)).run();

        result.assertSucceeded();
        assertThat(recorder.requests("INVITE").get(0).header("From").orElseThrow()).contains(";x-farend;x-refci=19301625;");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1500));
    }

    @Test
    void holdScenarioGoesInactiveAndBackAndPlaysBothPcaps() {
        PcapFile first = pcap("hold-1", Tone.of(700), 600, 4);
        PcapFile second = pcap("hold-2", Tone.of(700), 400, 5);

        SippResult result = Sipp.scenario("cucm-leg-hold.xml").target("127.0.0.1", recorder.sipPort())
                .keys(CALL.near().sippKeys()).key("pcap", first.path()).key("pcap2", second.path())
                .template("MEDIA1_MS", first.durationMillis() + 100).template("HOLD_MS", 500)
                .template("MEDIA2_MS", second.durationMillis() + 100).run();

        result.assertSucceeded();
        List<SipMessage> invites = recorder.requests("INVITE");
        assertThat(invites).hasSize(3);
        assertThat(Sdp.direction(invites.get(1).body())).hasValue("inactive");
        assertThat(Sdp.direction(invites.get(2).body())).hasValue("sendonly");
        assertThat(invites.get(2).header("CSeq")).hasValue("103 INVITE");
        assertThat(recorder.requests("ACK")).hasSize(3);
        await().atMost(Duration.ofSeconds(3)).until(() -> recorder.rtpReceived().size()
                >= first.packetsInFile() + second.packetsInFile());
        assertThat(recorder.rtpReceived()).hasSize(first.packetsInFile() + second.packetsInFile());
    }

    @Test
    void holdScenarioFailsWhenTheHoldIsNotAnsweredInactive() {
        recorder.answerHoldAsInactive(false);
        PcapFile pcap = pcap("hold-check", Tone.of(700), 200, 6);

        SippResult result = Sipp.scenario("cucm-leg-hold.xml").target("127.0.0.1", recorder.sipPort())
                .keys(CALL.near().sippKeys()).key("pcap", pcap.path()).key("pcap2", pcap.path())
                .template("MEDIA1_MS", 300).template("HOLD_MS", 100).template("MEDIA2_MS", 300).run();

        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void inviteExpectCodeAcceptsTheExpectedRefusalAndAcksItOnTheInviteBranch() {
        recorder.inviteCode(486);

        SippResult result = Sipp.scenario("invite-expect-code.xml").target("127.0.0.1", recorder.sipPort())
                .keys(CALL.near().sippKeys()).expectCode(486).run();

        result.assertSucceeded();
        SipMessage invite = recorder.requests("INVITE").get(0);
        SipMessage ack = recorder.requests("ACK").get(0);
        assertThat(ack.header("Via")).isEqualTo(invite.header("Via"));
        assertThat(ack.header("To").orElseThrow()).contains("tag=fake");
        assertThat(ack.startLine()).isEqualTo(invite.startLine().replace("INVITE", "ACK"));
    }

    @Test
    void inviteExpectCodeFailsOnAnotherCode() {
        recorder.inviteCode(486);

        SippResult result = Sipp.scenario("invite-expect-code.xml").target("127.0.0.1", recorder.sipPort())
                .keys(CALL.near().sippKeys()).expectCode(404).timeout(Duration.ofSeconds(5)).run();

        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void requiredHeaderCheckPassesWithTheHeaderAndFailsWithoutIt() {
        recorder.inviteCode(503).optionsCode(503).extraResponseHeader("Retry-After: 30");
        Sipp withHeader = Sipp.scenario("invite-expect-code.xml").target("127.0.0.1", recorder.sipPort())
                .keys(CALL.near().sippKeys()).expectCode(503).requireHeader("Retry-After", "[0-9]+");
        withHeader.run().assertSucceeded();
        Sipp.scenario("options-expect-code.xml").target("127.0.0.1", recorder.sipPort()).expectCode(503)
                .requireHeader("Retry-After", "[0-9]+").run().assertSucceeded();

        recorder.extraResponseHeader(null);
        SippResult without = Sipp.scenario("options-expect-code.xml").target("127.0.0.1", recorder.sipPort())
                .expectCode(503).requireHeader("Retry-After", "[0-9]+").run();

        assertThat(without.exitCode()).isEqualTo(1);
    }

    @Test
    void optionsExpectCodeSendsAnOptionsPing() {
        Sipp.scenario("options-expect-code.xml").target("127.0.0.1", recorder.sipPort()).expectCode(200).run()
                .assertSucceeded();

        assertThat(recorder.requests("OPTIONS")).hasSize(1);
    }

    @Test
    void sippCanSignalFromAnotherLoopbackAddress() {
        Sipp.scenario("options-expect-code.xml").target("127.0.0.1", recorder.sipPort()).localAddress("127.0.0.2")
                .expectCode(200).run().assertSucceeded();

        assertThat(recorder.sipSources().get(0).getAddress().getHostAddress()).isEqualTo("127.0.0.2");
    }

    @Test
    void awaitLogSeesTheAnswerWhileTheCallRuns() {
        PcapFile pcap = pcap("leg-log", Tone.of(700), 1000, 7);
        try (SippRun run = leg(CALL.near(), pcap).start()) {
            var match = run.awaitLog(java.util.regex.Pattern.compile("answered media=([0-9.]+):([0-9]+)"),
                    Duration.ofSeconds(5));

            assertThat(Integer.parseInt(match.group(2))).isEqualTo(recorder.rtpPort());
            assertThat(run.isRunning()).isTrue();
            run.await().assertSucceeded();
        }
    }

    private Sipp leg(org.forkline.itests.support.CucmLeg leg, PcapFile pcap) {
        return Sipp.scenario("cucm-leg.xml").target("127.0.0.1", recorder.sipPort()).keys(leg.sippKeys())
                .key("pcap", pcap.path()).template("MEDIA_MS", pcap.durationMillis() + 100)
                .timeout(Duration.ofSeconds(15));
    }

    private static PcapFile pcap(String name, Tone tone, long millis, long seed) {
        Path file = ItWork.dir("pcaps").resolve("harness-" + name + ".pcap");
        return RtpPcapWriter.write(file, RtpStream.of(tone, millis, seed));
    }
}
