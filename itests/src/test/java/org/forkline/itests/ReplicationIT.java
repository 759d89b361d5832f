package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.forkline.itests.support.CucmCall;
import org.forkline.itests.support.ForklineCluster;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.JavaCall;
import org.forkline.itests.support.RecordingJson;
import org.forkline.itests.support.Recordings;
import org.forkline.itests.support.RtpStream;
import org.forkline.itests.support.SippCalls;
import org.forkline.itests.support.SippRun;
import org.forkline.itests.support.Tone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes of one cluster (and a fourth that joins late with empty data): recordings and recording users made on
 * one node reach every node with the same SHA-256, the node-to-node endpoints answer only signed requests, and a
 * primary killed during a call gets back what the others recorded meanwhile. The kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final Duration SEAL_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration REPLICATION_TIMEOUT = Duration.ofSeconds(30);
    private static final ForklineCluster CLUSTER = new ForklineCluster(NODES);

    private static ForklineNode node1;
    private static ForklineNode node2;
    private static ForklineNode node3;

    @BeforeAll
    static void startThreeNodesAndAddTheRecordingUserOnNode1() {
        for (String[] member : new String[][] {{"repl-1", "primary", "100"}, {"repl-2", "backup", "10"},
                {"repl-3", "backup", "20"}}) {
            CLUSTER.member(member[0], member[1], Integer.parseInt(member[2]))
                    .config("org.forkline.storage", "pairingWaitSeconds", 3)
                    .config("org.forkline.replication", "pullIntervalSeconds", 2);
        }
        List<ForklineNode> nodes = CLUSTER.startAll();
        node1 = nodes.get(0);
        node2 = nodes.get(1);
        node3 = nodes.get(2);
        node1.addRecordingUser("1001", "SJ User 2");
    }

    @Test
    @Order(1)
    void aRecordingUserAddedOnNode1AppearsOnTheOtherNodes() throws IOException {
        for (ForklineNode node : List.of(node2, node3)) {
            await().atMost(REPLICATION_TIMEOUT).until(() -> user(node, "1001").isPresent());
            assertThat(user(node, "1001").orElseThrow()).contains("SJ User 2");
        }
    }

    @Test
    @Order(2)
    void aCallRecordedOnNode1AppearsOnNode2AndNode3WithTheSameSha256() throws Exception {
        RecordingJson recording = call(node1, "19401001");

        for (ForklineNode node : List.of(node2, node3)) {
            RecordingJson copy = awaitRecording(node, recording.id());
            assertThat(copy.sha256()).isEqualTo(recording.sha256());
            assertThat(copy.sizeBytes()).isEqualTo(recording.sizeBytes());
            assertThat(copy.nodeId()).isEqualTo(node1.nodeId());
            assertThat(copy.legs()).hasSize(2);
            HttpResponse<byte[]> audio = node.rest().audio(recording.id(), null, null);
            assertThat(audio.statusCode()).isEqualTo(200);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio.body())))
                    .isEqualToIgnoringCase(recording.sha256());
        }
    }

    @Test
    @Order(3)
    void nodeToNodeRequestsWithoutOrWithWrongCredentialsGet401AndNoData() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI changes = URI.create("http://127.0.0.1:" + node2.httpPort() + "/cluster/v1/changes?after=&limit=10");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(changes).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\"").doesNotContain("\"changes\"");

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(changes)
                .header("X-Forkline-Node", "intruder")
                .header("X-Forkline-Time", Long.toString(Instant.now().getEpochSecond()))
                .header("X-Forkline-Signature", "bm90IHRoZSByaWdodCBzaWduYXR1cmU=").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("wrong signature").doesNotContain("\"changes\"");

        URI media = URI.create("http://127.0.0.1:" + node2.httpPort() + "/cluster/v1/recordings/" + UUID.randomUUID()
                + "/media");
        assertThat(http.send(HttpRequest.newBuilder(media).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void aLateJoinerWithEmptyDataCatchesUpOnEveryRecording() throws Exception {
        // A recording of another origin too: the late joiner needs every node's history.
        await().atMost(REPLICATION_TIMEOUT).until(() -> user(node2, "1001").isPresent());
        call(node2, "19402002");
        call(node1, "19402001");
        await().atMost(REPLICATION_TIMEOUT).until(() -> node1.rest().search(Map.of("limit", "100")).total() >= 2);
        List<RecordingJson> everything = node1.rest().search(Map.of("limit", "100")).items();

        CLUSTER.member("repl-late", "backup", 30).config("org.forkline.replication", "pullIntervalSeconds", 2);
        ForklineNode late = CLUSTER.startAll().get(0);

        for (RecordingJson recording : everything) {
            RecordingJson copy = awaitRecording(late, recording.id());
            assertThat(copy.sha256()).isEqualTo(recording.sha256());
        }
        await().atMost(REPLICATION_TIMEOUT).until(() -> user(late, "1001").isPresent());
    }

    @Test
    @Order(5)
    void aPrimaryKilledDuringACallGetsWhatWasRecordedMeanwhileAndItsRecoveredCallReachesTheOthers() throws Exception {
        await().atMost(REPLICATION_TIMEOUT).until(() -> user(node2, "1001").isPresent());
        CucmCall cut = CucmCall.of("19405001", "1001");
        try (JavaCall javaCall = JavaCall.start(node1, cut, RtpStream.of(Tone.of(700), 30_000, 5001),
                RtpStream.of(Tone.of(1300), 30_000, 5002))) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> javaCall.near().sender().millisSent() >= 3000);
            node1.kill9();
            javaCall.near().sender().stop();
        }
        RecordingJson meanwhile = call(node2, "19405002");

        node1.startAndWait();

        assertThat(awaitRecording(node1, meanwhile.id()).sha256()).isEqualTo(meanwhile.sha256());
        RecordingJson recovered = Recordings.awaitSealed(node1.rest(), "1001", cut.refci(), SEAL_TIMEOUT);
        assertThat(recovered.recovered()).isTrue();
        for (ForklineNode node : List.of(node2, node3)) {
            RecordingJson copy = awaitRecording(node, recovered.id());
            assertThat(copy.sha256()).isEqualTo(recovered.sha256());
            assertThat(copy.recovered()).isTrue();
        }
    }

    private static RecordingJson call(ForklineNode node, String refci) throws IOException {
        CucmCall call = CucmCall.of(refci, "1001");
        SippRun near = SippCalls.leg(node, call.near(), SippCalls.pcap("r-near-" + refci,
                RtpStream.of(Tone.of(700), 3000, 101))).start();
        SippRun far = SippCalls.leg(node, call.far(), SippCalls.pcap("r-far-" + refci,
                RtpStream.of(Tone.of(1300), 3000, 102))).start();
        try {
            near.await().assertSucceeded();
            far.await().assertSucceeded();
        } finally {
            near.close();
            far.close();
        }
        return Recordings.awaitSealed(node.rest(), "1001", refci, SEAL_TIMEOUT);
    }

    private static RecordingJson awaitRecording(ForklineNode node, UUID id) {
        return await().atMost(REPLICATION_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    HttpResponse<String> response = node.rest().get("recordings/" + id);
                    return response.statusCode() == 200
                            ? node.rest().mapper().readValue(response.body(), RecordingJson.class) : null;
                }, found -> found != null);
    }

    /** The user's JSON as {@code GET users} lists it, if it is there. */
    private static Optional<String> user(ForklineNode node, String number) throws IOException {
        HttpResponse<String> response = node.rest().get("users");
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        for (var user : node.rest().json(response)) {
            if (number.equals(user.path("number").asText())) {
                return Optional.of(user.toString());
            }
        }
        return Optional.empty();
    }
}
