package org.forkline.itests.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Short CUCM calls (two SIPp legs) placed on a node of a cluster, and checks that their recordings reached nodes:
 * by id, with the SHA-256 of the node that recorded them, and exactly once.
 */
public final class ClusterCalls {

    public static final Duration SEAL_TIMEOUT = Duration.ofSeconds(45);

    private ClusterCalls() {
    }

    /** A call whose two legs are running; {@link #awaitSealed()} waits for SIPp and then for the recording. */
    public record Placed(ForklineNode node, String number, String refci, SippRun near, SippRun far) {

        /** Waits until both legs ended well and the node sealed the recording; returns it. */
        public RecordingJson awaitSealed() throws IOException {
            try {
                near.await().assertSucceeded();
                far.await().assertSucceeded();
            } finally {
                near.close();
                far.close();
            }
            return Recordings.awaitSealed(node.rest(), number, refci, SEAL_TIMEOUT);
        }
    }

    /** Starts a call of {@code number} with {@code refci} on {@code node}: two legs of {@code millis} of tone. */
    public static Placed start(ForklineNode node, String number, String refci, long millis) {
        CucmCall call = CucmCall.of(refci, number);
        SippRun near = SippCalls.leg(node, call.near(), SippCalls.pcap("c-near-" + refci,
                RtpStream.of(Tone.of(700), millis, 101))).start();
        SippRun far = SippCalls.leg(node, call.far(), SippCalls.pcap("c-far-" + refci,
                RtpStream.of(Tone.of(1300), millis, 102))).start();
        return new Placed(node, number, refci, near, far);
    }

    /** Places a call and waits until it is recorded. */
    public static RecordingJson record(ForklineNode node, String number, String refci, long millis)
            throws IOException {
        return start(node, number, refci, millis).awaitSealed();
    }

    /** Waits until {@code GET users} of {@code node} lists {@code number} (recording users replicate too). */
    public static void awaitUser(ForklineNode node, String number, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            HttpResponse<String> response = node.rest().get("users");
            if (response.statusCode() != 200) {
                return false;
            }
            for (var user : node.rest().json(response)) {
                if (number.equals(user.path("number").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The recording as {@code GET recordings/{id}} of {@code node} describes it, or null while it is not there. */
    public static RecordingJson find(ForklineNode node, UUID id) throws IOException {
        HttpResponse<String> response = node.rest().get("recordings/" + id);
        return response.statusCode() == 200 ? node.rest().mapper().readValue(response.body(), RecordingJson.class)
                : null;
    }

    /** Waits until {@code node} has the recording, sealed and with the same SHA-256 and size. */
    public static void awaitCopy(ForklineNode node, RecordingJson original, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            RecordingJson copy = find(node, original.id());
            assertThat(copy).as("%s on %s", original.id(), node.nodeId()).isNotNull();
            assertThat(copy.state()).isEqualTo("SEALED");
            assertThat(copy.sha256()).isEqualTo(original.sha256());
            assertThat(copy.sizeBytes()).isEqualTo(original.sizeBytes());
        });
    }

    /**
     * Waits until every node holds exactly these recordings (all it lists, by id), each once per refci and with the
     * SHA-256 its origin computed: nothing lost, nothing twice.
     */
    public static void awaitEveryNodeHoldsExactly(Collection<ForklineNode> nodes, String number,
            Collection<RecordingJson> recordings, Duration timeout) {
        Map<UUID, String> expected = recordings.stream()
                .collect(Collectors.toMap(RecordingJson::id, RecordingJson::sha256));
        Set<String> refcis = recordings.stream().map(RecordingJson::refci).collect(Collectors.toSet());
        assertThat(refcis).as("one recording per call placed").hasSize(recordings.size());
        for (ForklineNode node : nodes) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                List<RecordingJson> listed = node.rest().search(Map.of("limit", "100")).items();
                assertThat(listed).as("recordings on %s", node.nodeId())
                        .extracting(RecordingJson::id).containsExactlyInAnyOrderElementsOf(expected.keySet());
                for (RecordingJson summary : listed) {
                    RecordingJson full = node.rest().recording(summary.id());
                    assertThat(full.state()).isEqualTo("SEALED");
                    assertThat(full.sha256()).as("SHA-256 of %s on %s", full.id(), node.nodeId())
                            .isEqualTo(expected.get(full.id()));
                }
                for (String refci : refcis) {
                    assertThat(Recordings.withRefci(node.rest(), number, refci))
                            .as("recordings with x-refci %s on %s", refci, node.nodeId()).hasSize(1);
                }
            });
        }
    }
}
