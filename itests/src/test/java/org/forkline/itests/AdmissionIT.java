package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.forkline.itests.support.CucmCall;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.HealthView;
import org.forkline.itests.support.PcapFile;
import org.forkline.itests.support.RecordingJson;
import org.forkline.itests.support.Recordings;
import org.forkline.itests.support.RtpStream;
import org.forkline.itests.support.SipMessage;
import org.forkline.itests.support.SipUdpClient;
import org.forkline.itests.support.SippCalls;
import org.forkline.itests.support.SippRun;
import org.forkline.itests.support.Tone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What CUCM hears when it offers calls: the answers that decide its Top-Down failover (DESIGN.md "Call handling
 * contract"): 404 for unknown users, 486 over the channel limit, 503 with Retry-After while drained or low on disk,
 * 403 for untrusted peers, 200 to OPTIONS while the node can record.
 */
class AdmissionIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final String USER = "2001";
    private static final Pattern ANSWERED = Pattern.compile("answered media=");
    private static final String STORAGE = "org.forkline.storage";

    private static ForklineNode node;

    @BeforeAll
    static void startNodeWithOneChannel() throws Exception {
        node = NODES.start(ForklineNode.builder("admission")
                .config("org.forkline.sip", "channelLimit", 1)
                .config("org.forkline.sip", "trustedPeers", "127.0.0.1/32")
                .config(STORAGE, "healthCheckSeconds", 1)
                .config(STORAGE, "pairingWaitSeconds", 3));
        node.rest().putUser(USER, "Agent 2001", true);
    }

    @Test
    void anUnknownNumberIsAnswered404AndNothingIsRecorded() throws Exception {
        CucmCall call = CucmCall.of("52001", "2999");

        SippCalls.inviteExpecting(node, call.near(), 404).run().assertSucceeded();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> node.rest().recordingsOf("2999").isEmpty());
    }

    @Test
    void anOptionsPingIsAnswered200() {
        SippCalls.optionsExpecting(node, 200).run().assertSucceeded();
    }

    @Test
    void overTheChannelLimitANewCallGets486ButThePartnerLegOfTheAdmittedCallIsAccepted() throws Exception {
        CucmCall admitted = CucmCall.of("52101", USER);
        CucmCall refused = CucmCall.of("52102", USER);
        PcapFile nearAudio = SippCalls.pcap("adm-limit-near", RtpStream.of(Tone.of(700), 6000, 2101));
        PcapFile farAudio = SippCalls.pcap("adm-limit-far", RtpStream.of(Tone.of(1300), 2000, 2102));

        try (SippRun near = SippCalls.leg(node, admitted.near(), nearAudio).start()) {
            near.awaitLog(ANSWERED, Duration.ofSeconds(10));

            SippCalls.inviteExpecting(node, refused.near(), 486).run().assertSucceeded();
            SippCalls.leg(node, admitted.far(), farAudio).run().assertSucceeded();

            near.await().assertSucceeded();
        }
        RecordingJson recording = Recordings.awaitSealed(node.rest(), USER, admitted.refci(), Duration.ofSeconds(30));
        assertThat(recording.legs()).hasSize(2);
        assertThat(Recordings.withRefci(node.rest(), USER, refused.refci())).isEmpty();
    }

    @Test
    void whileDrainedOptionsAndInviteGet503WithRetryAfterAndAfterwards200Again() throws Exception {
        CucmCall duringDrain = CucmCall.of("52201", USER);
        CucmCall afterDrain = CucmCall.of("52202", USER);
        node.shell().run("forkline:drain");
        try {
            SippCalls.optionsExpecting(node, 503).requireHeader("Retry-After", "[0-9]+").run().assertSucceeded();
            SippCalls.inviteExpecting(node, duringDrain.near(), 503).requireHeader("Retry-After", "[0-9]+").run()
                    .assertSucceeded();
        } finally {
            node.shell().run("forkline:drain --off");
        }

        SippCalls.optionsExpecting(node, 200).run().assertSucceeded();
        PcapFile audio = SippCalls.pcap("adm-after-drain", RtpStream.of(Tone.of(700), 1000, 2201));
        SippCalls.leg(node, afterDrain.near(), audio).run().assertSucceeded();
    }

    @Test
    void anUntrustedPeerGets403ForInviteAndOptions() {
        CucmCall call = CucmCall.of("52301", USER);

        SippCalls.inviteExpecting(node, call.near(), 403).localAddress("127.0.0.2").run().assertSucceeded();
        SippCalls.optionsExpecting(node, 403).localAddress("127.0.0.2").run().assertSucceeded();
    }

    @Test
    void lowDiskMakesTheNodeUnavailableUntilTheThresholdIsLoweredAgain() throws Exception {
        String original = node.shell().run("config:property-get -p " + STORAGE + " minFreeDiskMb").trim();
        assertThat(original).as("minFreeDiskMb in etc/org.forkline.storage.cfg").matches("\\d+");
        node.shell().run("config:property-set -p " + STORAGE + " minFreeDiskMb 100000000");
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> optionsAnswer().orElse(-1) == 503);
            SippCalls.optionsExpecting(node, 503).requireHeader("Retry-After", "[0-9]+").run().assertSucceeded();
            SippCalls.inviteExpecting(node, CucmCall.of("52401", USER).near(), 503)
                    .requireHeader("Retry-After", "[0-9]+").run().assertSucceeded();
            HealthView health = node.rest().health();
            assertThat(health.status()).as("health status: %s", health).isEqualTo("DOWN");
            assertThat(health.canRecord()).as("canRecord: %s", health).isFalse();
            assertThat(health.problems()).as("problems: %s", health)
                    .anyMatch(problem -> problem.toLowerCase().matches("(?s).*(free|disk|space).*"));
        } finally {
            node.shell().run("config:property-set -p " + STORAGE + " minFreeDiskMb " + original);
        }

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> optionsAnswer().orElse(-1) == 200);
        SippCalls.optionsExpecting(node, 200).run().assertSucceeded();
        assertThat(node.rest().health().status()).isEqualTo("UP");
    }

    private static Optional<Integer> optionsAnswer() {
        try (SipUdpClient sip = SipUdpClient.to(node)) {
            return sip.options(Duration.ofSeconds(2)).map(SipMessage::statusCode);
        }
    }
}
