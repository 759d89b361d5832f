package org.forkline.web.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.forkline.api.replication.PeerReplication;
import org.forkline.api.replication.ReplicationStatus;
import org.forkline.testing.FixedClusterService;
import org.forkline.web.internal.error.WebApplicationExceptionMapper;
import org.forkline.web.internal.security.AccessPolicy;
import org.forkline.web.internal.security.AccessRules;
import org.forkline.web.internal.security.BasicAuthFilter;
import org.forkline.web.internal.security.JaasAuthenticator;
import org.forkline.web.internal.testing.RestServer;
import org.forkline.web.internal.testing.TestLoginModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ClusterResourceTest {

    private static final Instant PULL = Instant.parse("2026-11-25T09:59:58Z");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FixedClusterService cluster = new FixedClusterService();
    private RestServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aViewerSeesNodesLeaderAndReplicationPerPeer() throws Exception {
        ReplicationStatus replication = new ReplicationStatus(List.of(
                new PeerReplication("node2", 7, Duration.ofMillis(1500), PULL, null),
                new PeerReplication("node3", 0, Duration.ZERO, null, "connection refused")), false, 42, 7);
        start(new ClusterResource(cluster, () -> replication));

        HttpResponse<String> response = get("victor:victor-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("nodeId").asText()).isEqualTo("node1");
        assertThat(body.path("leader").asText()).isEqualTo("node1");
        assertThat(body.path("leaderSince").asText()).isEqualTo("2026-11-25T09:00:00Z");
        assertThat(body.path("problems")).isEmpty();
        JsonNode node1 = body.path("members").get(0);
        assertThat(node1.path("role").asText()).isEqualTo("primary");
        assertThat(node1.path("leader").asBoolean()).isTrue();
        assertThat(node1.path("replication").isNull()).isTrue();
        JsonNode node2 = body.path("members").get(1);
        assertThat(node2.path("up").asBoolean()).isTrue();
        assertThat(node2.path("priority").asInt()).isEqualTo(10);
        assertThat(node2.path("endpoint").asText()).isEqualTo("http://127.0.0.1:8182");
        assertThat(node2.path("replication").path("backlogChanges").asLong()).isEqualTo(7);
        assertThat(node2.path("replication").path("lagMillis").asLong()).isEqualTo(1500);
        assertThat(node2.path("replication").path("lastPull").asText()).isEqualTo("2026-11-25T09:59:58Z");
        JsonNode node3 = body.path("members").get(2);
        assertThat(node3.path("up").asBoolean()).isFalse();
        assertThat(node3.path("lastSeen").asText()).isEqualTo("2026-11-25T09:59:00Z");
        assertThat(node3.path("replication").path("lastError").asText()).isEqualTo("connection refused");
        assertThat(body.path("replication").path("appliedChanges").asLong()).isEqualTo(42);
    }

    @Test
    void withoutReplicationItsFieldsAreNull() throws Exception {
        start(new ClusterResource(cluster, null));

        JsonNode body = json.readTree(get("victor:victor-secret").body());

        assertThat(body.path("replication").isNull()).isTrue();
        assertThat(body.path("members").get(1).path("replication").isNull()).isTrue();
    }

    @Test
    void itNeedsALogin() throws Exception {
        start(new ClusterResource(cluster, null));

        assertThat(get(null).statusCode()).isEqualTo(401);
    }

    private void start(ClusterResource resource) throws Exception {
        AccessPolicy policy = new AccessPolicy(new JaasAuthenticator(TestLoginModule.configuration("karaf")),
                "karaf", AccessRules.parse("viewer, admin", "admin"));
        server = new RestServer(List.of(resource),
                List.of(new BasicAuthFilter(policy), new WebApplicationExceptionMapper()));
    }

    private HttpResponse<String> get(String userAndPassword) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/v1/cluster")).GET();
        if (userAndPassword != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
