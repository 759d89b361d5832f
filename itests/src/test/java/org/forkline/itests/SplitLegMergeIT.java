package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.forkline.itests.support.AudioAssertions.assertSilent;
import static org.forkline.itests.support.AudioAssertions.assertTone;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.forkline.itests.support.CucmCall;
import org.forkline.itests.support.ForklineCluster;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.RecordingJson;
import org.forkline.itests.support.Recordings;
import org.forkline.itests.support.RtpStream;
import org.forkline.itests.support.SippCalls;
import org.forkline.itests.support.SippRun;
import org.forkline.itests.support.Tone;
import org.forkline.itests.support.WavAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The near and far legs of one call recorded on two different nodes (CUCM routed the INVITEs apart, as around a
 * failover) end as one merged stereo recording on every node, and the two orphans are gone everywhere.
 */
class SplitLegMergeIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final int LEFT = 0;
    private static final int RIGHT = 1;
    private static final long FAR_DELAY_MILLIS = 1000;
    private static final Duration MERGE_TIMEOUT = Duration.ofSeconds(45);
    private static final Pattern MERGED_FROM = Pattern.compile("FORKLINE_MERGED_FROM=([0-9a-f-]{36}),([0-9a-f-]{36})");
    private static final ForklineCluster CLUSTER = new ForklineCluster(NODES);

    private static ForklineNode node1;
    private static ForklineNode node2;

    @BeforeAll
    static void startTwoNodesWithTheRecordingUser() {
        for (String[] member : new String[][] {{"split-1", "primary", "100"}, {"split-2", "backup", "10"}}) {
            CLUSTER.member(member[0], member[1], Integer.parseInt(member[2]))
                    .config("org.forkline.storage", "pairingWaitSeconds", 2)
                    .config("org.forkline.replication", "pullIntervalSeconds", 2);
        }
        List<ForklineNode> nodes = CLUSTER.startAll();
        node1 = nodes.get(0);
        node2 = nodes.get(1);
        node1.addRecordingUser("1001", "SJ User 2");
    }

    @Test
    void theNearLegOnNode1AndTheFarLegOnNode2BecomeOneMergedRecordingOnEveryNode() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> node2.rest().get("users").body().contains("\"1001\""));
        CucmCall call = CucmCall.of("19601001", "1001");
        SippRun near = SippCalls.leg(node1, call.near(), SippCalls.pcap("split-near-700",
                RtpStream.of(Tone.of(700), 4000, 101))).start();
        SippRun far = SippCalls.leg(node2, call.far(), SippCalls.pcap("split-far-1300",
                RtpStream.of(Tone.of(1300), 3000, 102))).startDelay(Duration.ofMillis(FAR_DELAY_MILLIS)).start();
        try {
            near.await().assertSucceeded();
            far.await().assertSucceeded();
        } finally {
            near.close();
            far.close();
        }

        RecordingJson merged = awaitMerged(node1, call.refci());
        assertThat(merged.nodeId()).as("the near leg's node merges").isEqualTo(node1.nodeId());
        assertThat(merged.legs()).extracting(RecordingJson.LegJson::direction).containsExactlyInAnyOrder("NEAR",
                "FAR");
        assertThat(merged.durationMillis()).isBetween(3800L, 4400L);
        byte[] ogg = ogg(node1, merged);
        Matcher from = MERGED_FROM.matcher(new String(ogg, StandardCharsets.ISO_8859_1));
        assertThat(from.find()).as("the merged file names the orphans it was made from").isTrue();
        List<UUID> orphans = List.of(UUID.fromString(from.group(1)), UUID.fromString(from.group(2)));

        WavAudio wav = Recordings.wav(node1.rest(), merged.id());
        assertThat(wav.channelCount()).isEqualTo(2);
        assertTone(wav, LEFT, 200, 3800, 700, 1300, 20);
        assertSilent(wav, RIGHT, 100, FAR_DELAY_MILLIS - 300);
        assertTone(wav, RIGHT, FAR_DELAY_MILLIS + 300, 3800, 1300, 700, 20);

        for (ForklineNode node : List.of(node1, node2)) {
            RecordingJson copy = awaitMerged(node, call.refci());
            assertThat(copy.id()).isEqualTo(merged.id());
            assertThat(copy.sha256()).isEqualTo(merged.sha256());
            assertThat(sha256(ogg(node, copy))).isEqualToIgnoringCase(merged.sha256());
            for (UUID orphan : orphans) {
                assertThat(node.rest().get("recordings/" + orphan).statusCode()).as("orphan %s on %s", orphan, node)
                        .isEqualTo(404);
            }
        }
    }

    /** Waits until the node has exactly one recording with this refci, and it is the sealed merged one. */
    private static RecordingJson awaitMerged(ForklineNode node, String refci) {
        List<RecordingJson> found = await().atMost(MERGE_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> Recordings.withRefci(node.rest(), "1001", refci), list -> list.size() == 1
                        && "SEALED".equals(list.get(0).state()) && !list.get(0).orphan());
        try {
            return node.rest().recording(found.get(0).id());
        } catch (IOException e) {
            throw new AssertionError("recording " + found.get(0).id() + " cannot be read from " + node, e);
        }
    }

    private static byte[] ogg(ForklineNode node, RecordingJson recording) throws IOException {
        HttpResponse<byte[]> response = node.rest().audio(recording.id(), null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
