package org.forkline.replication.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.forkline.api.Recording;
import org.forkline.api.RecordingUser;
import org.forkline.api.replication.ReplicationStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReplicationTest {

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() throws Exception {
        cluster.close();
        watchdog.shutdownNow();
    }

    @Test
    void aRecordingAUserAndADeletionReachThePeerByPushHintWithinSeconds() throws Exception {
        // No periodic pull after the first one: only the hints can bring the changes.
        TestCluster.Node node1 = cluster.start("node1", folder(), Map.of("pullIntervalSeconds", 3600));
        TestCluster.Node node2 = cluster.start("node2", folder(), Map.of("pullIntervalSeconds", 3600));

        Recording recording = node1.storage.record("hint-1", 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> node2.storage.find(recording.id()) != null);

        Recording copy = node2.storage.find(recording.id());
        assertThat(copy.sha256()).isEqualTo(recording.sha256());
        assertThat(copy.nodeId()).isEqualTo("node1");
        assertThat(Files.readAllBytes(node2.storage.storage.media(recording.id()).orElseThrow().file()))
                .isEqualTo(Files.readAllBytes(node1.storage.storage.media(recording.id()).orElseThrow().file()));

        node1.storage.storage.save(new RecordingUser("1001", "Alice", true));
        await().atMost(Duration.ofSeconds(5)).until(() -> node2.storage.storage.find("1001").isPresent());

        assertThat(node2.storage.storage.delete(recording.id())).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> node1.storage.find(recording.id()) == null);

        ReplicationStatus status = node2.replication.status();
        assertThat(status.peers()).singleElement().satisfies(peer -> {
            assertThat(peer.nodeId()).isEqualTo("node1");
            assertThat(peer.backlogChanges()).isZero();
            assertThat(peer.lastError()).isNull();
        });
        assertThat(status.appliedChanges()).isEqualTo(2);
        assertThat(status.catchingUp()).isFalse();
    }

    @Test
    void aLateJoinerWithEmptyDataCatchesUpOnEveryOriginFromAnyPeer() throws Exception {
        TestCluster.Node node1 = cluster.start("node1", folder(), Map.of());
        TestCluster.Node node2 = cluster.start("node2", folder(), Map.of());
        List<Recording> recordings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            recordings.add(node1.storage.record("late-" + i, 1));
        }
        recordings.add(node2.storage.record("late-node2", 1));
        node1.storage.storage.save(new RecordingUser("1001", "Alice", true));
        await().atMost(Duration.ofSeconds(20)).until(() -> recordings.stream()
                .allMatch(r -> node2.storage.find(r.id()) != null && node1.storage.find(r.id()) != null));
        node1.stop();

        // node3 only ever sees node2, which serves node1's changes too; small batches force several rounds.
        TestCluster.Node node3 = cluster.start("node3", folder(), Map.of("batchSize", 2));

        await().atMost(Duration.ofSeconds(20)).until(() -> recordings.stream()
                .allMatch(r -> node3.storage.find(r.id()) != null));
        for (Recording recording : recordings) {
            assertThat(node3.storage.find(recording.id()).sha256()).isEqualTo(recording.sha256());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> node3.storage.storage.find("1001").isPresent());
        await().atMost(Duration.ofSeconds(5)).until(() -> node3.replication.status().pendingChanges() == 0);
        assertThat(node3.replication.status().appliedChanges()).isEqualTo(6);
        assertThat(node3.storage.storage.watermarks()).containsEntry("node1", 5L).containsEntry("node2", 1L);
    }

    @Test
    void aJoinerLearnsOfARecordingDeletedBeforeItArrivedWithoutFetchingIt() throws Exception {
        TestCluster.Node node1 = cluster.start("node1", folder(), Map.of());
        TestCluster.Node node2 = cluster.start("node2", folder(), Map.of());
        Recording recording = node1.storage.record("gone-1", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> node2.storage.find(recording.id()) != null);
        node2.storage.storage.delete(recording.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> node1.storage.find(recording.id()) == null);
        node1.stop();

        TestCluster.Node node3 = cluster.start("node3", folder(), Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> node3.storage.storage.watermarks()
                .equals(Map.of("node1", 1L, "node2", 1L)));
        assertThat(node3.storage.find(recording.id())).isNull();
        assertThat(node3.replication.status().peers()).allSatisfy(peer -> assertThat(peer.lastError()).isNull());
        assertThat(node3.storage.storage.stagingFolder()).as("nothing was downloaded").doesNotExist();
    }

    @Test
    void requestsWithoutOrWithWrongCredentialsGet401AndNoData() throws Exception {
        TestCluster.Node node1 = cluster.start("node1", folder(), Map.of("pullIntervalSeconds", 3600));
        Recording recording = node1.storage.record("auth-1", 1);
        HttpClient http = HttpClient.newHttpClient();
        String changes = "/cluster/v1/changes?after=&limit=10";
        String media = "/cluster/v1/recordings/" + recording.id() + "/media";

        for (String path : List.of(changes, media)) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(node1.endpoint.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).startsWith("{\"error\":\"not authenticated").doesNotContain("node1:");

            HttpResponse<String> wrongSecret = http.send(signed(node1.endpoint, path, "another-secret"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrongSecret.statusCode()).isEqualTo(401);
            assertThat(wrongSecret.body()).contains("wrong signature").doesNotContain("sequence");

            HttpResponse<String> right = http.send(signed(node1.endpoint, path, TestCluster.SECRET),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(right.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPeerThatRefusesUsShowsInStatusAndNothingIsApplied() throws Exception {
        TestCluster.Node node1 = cluster.start("node1", folder(), Map.of("pullIntervalSeconds", 3600));
        node1.storage.record("refused-1", 1);
        TestCluster.Node node2 = cluster.start("node2", folder(), Map.of("secret", "not-the-cluster-secret"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !node2.replication.status().peers().isEmpty()
                && node2.replication.status().peers().get(0).lastError() != null);
        assertThat(node2.replication.status().peers().get(0).lastError()).contains("401")
                .contains("wrong signature");
        assertThat(node2.replication.status().appliedChanges()).isZero();
        assertThat(node2.storage.storage.watermarks()).doesNotContainKey("node1");
    }

    @Test
    void aPartialDownloadResumesWithARangeRequest() throws Exception {
        TestCluster.Node node1 = cluster.start("node1", folder(), Map.of("pullIntervalSeconds", 3600));
        Recording recording = node1.storage.record("range-1", 3);
        byte[] whole = Files.readAllBytes(node1.storage.storage.media(recording.id()).orElseThrow().file());
        Path staged = folder().resolve("partial");
        Files.write(staged, java.util.Arrays.copyOf(whole, whole.length / 3));
        PeerClient client = new PeerClient(HttpClient.newHttpClient(),
                new RequestSigner(TestCluster.SECRET, Duration.ofSeconds(60), Clock.systemUTC()), "node9",
                Duration.ofSeconds(10), watchdog);

        assertThat(client.download(node1.endpoint, recording.id(), staged, new TokenBucket(0))).isTrue();
        assertThat(Files.readAllBytes(staged)).isEqualTo(whole);

        HttpRequest ranged = HttpRequest.newBuilder(signed(node1.endpoint,
                "/cluster/v1/recordings/" + recording.id() + "/media", TestCluster.SECRET), (n, v) -> true)
                .header("Range", "bytes=10-").build();
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(ranged, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(206);
        assertThat(answer.headers().firstValue("Content-Range")).contains("bytes 10-" + (whole.length - 1) + "/"
                + whole.length);
        assertThat(client.download(node1.endpoint, UUID.randomUUID(), folder().resolve("none"), new TokenBucket(0)))
                .isFalse();
    }

    /** A peer that sends headers and part of the body, then nothing: the download must not hang. */
    @Test
    @Timeout(30)
    void aDownloadWhoseBodyStallsEndsWithATimeoutAndKeepsWhatCame() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread stalling = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getOutputStream().write(head);
                    socket.getOutputStream().write(new byte[1000]);
                    socket.getOutputStream().flush();
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream());  // until the client gives up
                } catch (IOException e) {
                    // the client closed the connection
                }
            }, "stalling-peer");
            stalling.start();
            PeerClient client = new PeerClient(HttpClient.newHttpClient(),
                    new RequestSigner(TestCluster.SECRET, Duration.ofSeconds(60), Clock.systemUTC()), "node9",
                    Duration.ofSeconds(1), watchdog);
            Path staged = folder().resolve("stalled");

            assertThatThrownBy(() -> client.download(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"),
                    UUID.randomUUID(), staged, new TokenBucket(0)))
                    .isInstanceOf(HttpTimeoutException.class).hasMessageContaining("stalled")
                    .hasMessageContaining("resumes at byte 1000");
            assertThat(Files.size(staged)).isEqualTo(1000);
            stalling.join(10_000);
            assertThat(stalling.isAlive()).as("connection released").isFalse();
        }
    }

    @Test
    void theBandwidthCapSpreadsBytesOverTime() throws Exception {
        TokenBucket bucket = new TokenBucket(64 * 1024);
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            bucket.take(32 * 1024);
        }
        // 64 KiB of burst, then 128 KiB at 64 KiB/s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1800));
    }

    private static HttpRequest signed(URI endpoint, String pathAndQuery, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery));
        String[] headers = new RequestSigner(secret, Duration.ofSeconds(60), Clock.systemUTC())
                .headers("GET", pathAndQuery, "node9");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    private static Path folder() throws Exception {
        Path folder = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(folder);
        return folder;
    }
}
