package org.forkline.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.forkline.api.RecordingState;
import org.forkline.api.RecordingUser;
import org.forkline.api.storage.AudioFormat;
import org.forkline.web.internal.error.IllegalArgumentExceptionMapper;
import org.forkline.web.internal.error.UnexpectedExceptionMapper;
import org.forkline.web.internal.error.WebApplicationExceptionMapper;
import org.forkline.web.internal.resource.DrainResource;
import org.forkline.web.internal.resource.HealthResource;
import org.forkline.web.internal.resource.RecordingResource;
import org.forkline.web.internal.resource.UserResource;
import org.forkline.web.internal.security.AccessPolicy;
import org.forkline.web.internal.security.AccessRules;
import org.forkline.web.internal.security.BasicAuthFilter;
import org.forkline.web.internal.security.JaasAuthenticator;
import org.forkline.testing.FixedNodeStatus;
import org.forkline.testing.InMemoryRecordings;
import org.forkline.testing.InMemoryRecordingUsers;
import org.forkline.web.internal.testing.Recordings;
import org.forkline.web.internal.testing.RestServer;
import org.forkline.web.internal.testing.TestLoginModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whole REST application (filter, mappers, resources, Jackson) in CXF's JAX-RS runtime on a loopback HTTP
 * port, with in-memory API services and a JAAS realm of fixed users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest {

    private static final UUID SEALED = UUID.fromString("0b7e7a52-2a4b-4c1e-9d43-5f7b1c2d3e4f");
    private static final UUID ACTIVE = UUID.fromString("1c8f8b63-3b5c-4d2f-8e54-6a8c2d3e4f50");
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final InMemoryRecordings recordings = new InMemoryRecordings();
    private final InMemoryRecordingUsers users = new InMemoryRecordingUsers();
    private final FixedNodeStatus node = new FixedNodeStatus();
    private final byte[] opus = new byte[10_000];
    private final java.util.Set<UUID> deleted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private RestServer server;

    @BeforeAll
    void start() throws Exception {
        for (int i = 0; i < opus.length; i++) {
            opus[i] = (byte) (i * 31 + 7);
        }
        recordings.add(Recordings.sealed(SEALED, T0, "1001"));
        recordings.add(Recordings.recording(ACTIVE, RecordingState.ACTIVE, T0.plusSeconds(3600), "1002"));
        recordings.addAudio(SEALED, AudioFormat.OGG_OPUS, opus);
        recordings.addAudio(SEALED, AudioFormat.WAV, new byte[44]);
        users.save(new RecordingUser("1001", "Front desk", true));

        AccessPolicy policy = new AccessPolicy(new JaasAuthenticator(TestLoginModule.configuration("karaf")),
                "karaf", AccessRules.parse("viewer, admin", "admin"));
        RecordingResource recordingResource = new RecordingResource(recordings);
        recordingResource.setDeletion(id -> {
            if (id.equals(ACTIVE)) {
                throw new IllegalStateException("recording " + id + " is ACTIVE; only sealed recordings can be deleted");
            }
            return deleted.add(id);
        });
        server = new RestServer(
                List.of(new HealthResource(node, policy), recordingResource, new UserResource(users),
                        new DrainResource(node)),
                List.of(new BasicAuthFilter(policy), new WebApplicationExceptionMapper(),
                        new IllegalArgumentExceptionMapper(), new UnexpectedExceptionMapper()));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Nested
    class Authentication {

        @Test
        void aProtectedResourceWithoutCredentialsIs401WithChallengeAndJson() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/recordings", null, null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"forkline\"");
            assertError(response, 401, "Unauthorized", "needs a login");
        }

        @Test
        void aWrongPasswordIs401() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/recordings", "victor:wrong", null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertError(response, 401, "Unauthorized", "wrong user name or password");
        }

        @Test
        void aHeaderThatIsNotBasicIs401() throws Exception {
            HttpRequest request = request("GET", "/api/v1/recordings", null, null)
                    .header("Authorization", "Bearer abc").build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertError(response, 401, "Unauthorized", "not valid HTTP Basic");
        }

        @Test
        void aViewerMayReadButNotChange() throws Exception {
            assertThat(send("GET", "/api/v1/users", "victor:victor-secret", null).statusCode()).isEqualTo(200);

            HttpResponse<String> put = send("PUT", "/api/v1/users/2002", "victor:victor-secret",
                    "{\"displayName\":\"x\"}");
            assertThat(put.statusCode()).isEqualTo(403);
            assertError(put, 403, "Forbidden", "PUT /api/v1/users/2002 needs one of the roles: admin");
            assertThat(users.find("2002")).isEmpty();
        }

        @Test
        void aUserWithoutRolesIsForbiddenToRead() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/users", "nobody:nobody-secret", null);

            assertThat(response.statusCode()).isEqualTo(403);
            assertError(response, 403, "Forbidden", "needs one of the roles: admin, viewer");
        }

        @Test
        void anAdminMayRead() throws Exception {
            assertThat(send("GET", "/api/v1/users", "alice:alice-secret", null).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Health {

        @Test
        void anonymousCallersSeeOnlyTheSummary() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/health", null, null);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(fieldNames(body)).containsExactlyInAnyOrder("nodeId", "status", "canRecord", "drained");
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("nodeId").asText()).isEqualTo("node1");
        }

        @Test
        void aViewerSeesTheCounters() throws Exception {
            JsonNode body = json.readTree(send("GET", "/api/v1/health", "victor:victor-secret", null).body());

            assertThat(body.get("activeCalls").asInt()).isEqualTo(3);
            assertThat(body.get("channelLimit").asInt()).isEqualTo(200);
            assertThat(body.get("storage").get("freeBytes").asLong()).isEqualTo(50_000_000_000L);
            assertThat(body.get("storage").get("sealingBacklog").asInt()).isEqualTo(1);
            assertThat(body.get("media").get("portsTotal").asInt()).isEqualTo(2000);
            assertThat(body.get("media").get("packetsComfortNoise").asLong()).isEqualTo(7);
            assertThat(body.get("problems").isArray()).isTrue();
        }

        @Test
        void wrongCredentialsAreRefusedEvenHere() throws Exception {
            assertError(send("GET", "/api/v1/health", "victor:wrong", null), 401, "Unauthorized",
                    "wrong user name or password");
        }

        @Test
        void headWorksForLoadBalancers() throws Exception {
            assertThat(send("HEAD", "/api/v1/health", null, null).statusCode()).isEqualTo(200);
        }

        @Test
        void aUserWithoutViewerRoleGetsTheSummaryOnly() throws Exception {
            JsonNode body = json.readTree(send("GET", "/api/v1/health", "nobody:nobody-secret", null).body());

            assertThat(body.has("activeCalls")).isFalse();
        }

        @Test
        void aNodeThatCannotRecordAnswers503() throws Exception {
            node.problems("storage: disk below 1 GB");
            try {
                HttpResponse<String> response = send("GET", "/api/v1/health", "victor:victor-secret", null);

                assertThat(response.statusCode()).isEqualTo(503);
                JsonNode body = json.readTree(response.body());
                assertThat(body.get("status").asText()).isEqualTo("DOWN");
                assertThat(body.get("problems").get(0).asText()).isEqualTo("storage: disk below 1 GB");
            } finally {
                node.problems();
            }
        }
    }

    @Nested
    class Search {

        @Test
        void returnsThePageWithRecordingsAsJson() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/recordings?number=1001", "victor:victor-secret",
                    null);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("total").asLong()).isEqualTo(1);
            assertThat(body.get("offset").asInt()).isZero();
            assertThat(body.get("limit").asInt()).isEqualTo(50);
            JsonNode recording = body.get("items").get(0);
            assertThat(recording.get("id").asText()).isEqualTo(SEALED.toString());
            assertThat(recording.get("startedAt").asText()).isEqualTo("2026-11-25T10:00:00Z");
            assertThat(recording.get("near").get("number").asText()).isEqualTo("1001");
            assertThat(recording.get("audioUrl").asText()).isEqualTo("/api/v1/recordings/" + SEALED + "/audio");
            assertThat(recording.get("legs").get(0).get("stats").get("packetsReceived").asLong()).isEqualTo(4150);
        }

        @Test
        void passesTheParametersOnAsAQuery() throws Exception {
            send("GET", "/api/v1/recordings?from=2026-11-25T11:00:00%2B01:00&to=2026-11-26T00:00:00Z&offset=5&limit=7",
                    "victor:victor-secret", null);

            assertThat(recordings.lastQuery.get().from()).isEqualTo(T0);
            assertThat(recordings.lastQuery.get().to()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
            assertThat(recordings.lastQuery.get().offset()).isEqualTo(5);
            assertThat(recordings.lastQuery.get().limit()).isEqualTo(7);
        }

        @Test
        void aBadInstantIs400NamingTheParameter() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/recordings?from=yesterday", "victor:victor-secret",
                    null);

            assertError(response, 400, "Bad Request", "parameter 'from' must be an ISO-8601 instant");
        }

        @Test
        void aLimitAboveTheMaximumIs400() throws Exception {
            assertError(send("GET", "/api/v1/recordings?limit=1001", "victor:victor-secret", null), 400,
                    "Bad Request", "parameter 'limit' must be a whole number from 1 to 1000");
        }

        @Test
        void anUnexpectedFailureIs500WithAReferenceAndNoStackTrace() throws Exception {
            recordings.searchFailure.set(new IllegalStateException("database connection lost"));
            try {
                HttpResponse<String> response = send("GET", "/api/v1/recordings", "victor:victor-secret", null);

                assertError(response, 500, "Internal Server Error", "internal error, reference ");
                assertThat(response.body()).doesNotContain("database connection lost", "at org.", "Exception");
            } finally {
                recordings.searchFailure.set(null);
            }
        }
    }

    @Nested
    class OneRecording {

        @Test
        void isReturnedById() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/recordings/" + SEALED, "victor:victor-secret", null);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("state").asText()).isEqualTo("SEALED");
            assertThat(body.get("sha256").asText()).isEqualTo("ab".repeat(32));
            assertThat(body.get("legs")).hasSize(2);
        }

        @Test
        void aMalformedIdIs400() throws Exception {
            assertError(send("GET", "/api/v1/recordings/not-a-uuid", "victor:victor-secret", null), 400,
                    "Bad Request", "'not-a-uuid' is not a recording id");
        }

        @Test
        void anUnknownIdIs404() throws Exception {
            UUID unknown = UUID.randomUUID();
            assertError(send("GET", "/api/v1/recordings/" + unknown, "victor:victor-secret", null), 404,
                    "Not Found", "no recording with id " + unknown);
        }

        @Test
        void anAdminDeletesASealedRecordingAViewerMayNot() throws Exception {
            UUID id = UUID.randomUUID();
            assertThat(send("DELETE", "/api/v1/recordings/" + id, "victor:victor-secret", null).statusCode())
                    .isEqualTo(403);
            assertThat(deleted).doesNotContain(id);

            assertThat(send("DELETE", "/api/v1/recordings/" + id, "alice:alice-secret", null).statusCode())
                    .isEqualTo(204);
            assertThat(deleted).contains(id);
            assertError(send("DELETE", "/api/v1/recordings/" + id, "alice:alice-secret", null), 404, "Not Found",
                    "no recording with id " + id);
            assertError(send("DELETE", "/api/v1/recordings/" + ACTIVE, "alice:alice-secret", null), 409, "Conflict",
                    "only sealed recordings can be deleted");
        }
    }

    @Nested
    class Audio {

        private final String path = "/api/v1/recordings/" + SEALED + "/audio";

        @Test
        void isServedWholeWithItsHeaders() throws Exception {
            HttpResponse<byte[]> response = bytes("GET", path, null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(opus);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/ogg");
            assertThat(response.headers().firstValue("Content-Length")).hasValue("10000");
            assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            assertThat(response.headers().firstValue("Content-Disposition"))
                    .hasValue("inline; filename=\"" + SEALED + ".opus\"");
            assertThat(response.headers().firstValue("ETag")).hasValue("\"" + "ab".repeat(32) + "-opus\"");
        }

        @Test
        void aRangeIsServedAs206() throws Exception {
            HttpResponse<byte[]> response = bytes("GET", path, "bytes=1000-1999");

            assertThat(response.statusCode()).isEqualTo(206);
            assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/10000");
            assertThat(response.headers().firstValue("Content-Length")).hasValue("1000");
            assertThat(response.body()).isEqualTo(Arrays.copyOfRange(opus, 1000, 2000));
        }

        @Test
        void aSuffixRangeServesTheEnd() throws Exception {
            HttpResponse<byte[]> response = bytes("GET", path, "bytes=-100");

            assertThat(response.statusCode()).isEqualTo(206);
            assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 9900-9999/10000");
            assertThat(response.body()).isEqualTo(Arrays.copyOfRange(opus, 9900, 10_000));
        }

        @Test
        void aRangeBeyondTheEndIs416WithTheLength() throws Exception {
            HttpResponse<String> response = http.send(request("GET", path, "victor:victor-secret", null)
                    .header("Range", "bytes=10000-").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */10000");
            assertError(response, 416, "Requested Range Not Satisfiable", "10000 bytes");
        }

        @Test
        void severalRangesAreServedWhole() throws Exception {
            HttpResponse<byte[]> response = bytes("GET", path, "bytes=0-9,20-29");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).hasSize(10_000);
        }

        @Test
        void headGivesTheHeadersWithoutBody() throws Exception {
            HttpResponse<byte[]> response = bytes("HEAD", path, null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Length")).hasValue("10000");
            assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            assertThat(response.body()).isEmpty();
        }

        @Test
        void wavIsServedOnRequest() throws Exception {
            HttpResponse<byte[]> response = bytes("GET", path + "?format=wav", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
            assertThat(response.headers().firstValue("Content-Disposition"))
                    .hasValue("inline; filename=\"" + SEALED + ".wav\"");
            assertThat(response.body()).hasSize(44);
        }

        @Test
        void aMatchingIfNoneMatchIs304() throws Exception {
            HttpResponse<byte[]> response = http.send(request("GET", path, "victor:victor-secret", null)
                    .header("If-None-Match", "\"" + "ab".repeat(32) + "-opus\"").build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(304);
            assertThat(response.headers().firstValue("ETag")).hasValue("\"" + "ab".repeat(32) + "-opus\"");
            assertThat(response.body()).isEmpty();
        }

        @Test
        void aFailingIfMatchIs412Json() throws Exception {
            HttpResponse<String> response = http.send(request("GET", path, "victor:victor-secret", null)
                    .header("If-Match", "\"other\"").build(), HttpResponse.BodyHandlers.ofString());

            assertError(response, 412, "Precondition Failed", "does not match");
        }

        @Test
        void anUnknownFormatIs400() throws Exception {
            assertError(send("GET", path + "?format=mp3", "victor:victor-secret", null), 400, "Bad Request",
                    "parameter 'format' must be opus or wav, was 'mp3'");
        }

        @Test
        void aRecordingNotYetSealedIs409() throws Exception {
            assertError(send("GET", "/api/v1/recordings/" + ACTIVE + "/audio", "victor:victor-secret", null), 409,
                    "Conflict", "audio is available once the recording is sealed; state is ACTIVE");
        }

        @Test
        void needsALogin() throws Exception {
            assertThat(send("GET", path, null, null).statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class Users {

        @Test
        void putCreatesThenReplacesAndDeleteRemoves() throws Exception {
            HttpResponse<String> created = send("PUT", "/api/v1/users/3003", "alice:alice-secret",
                    "{\"displayName\":\"Sales\",\"enabled\":false}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).hasValue(server.uri("/api/v1/users/3003").toString());
            assertThat(users.find("3003")).contains(new RecordingUser("3003", "Sales", false));

            HttpResponse<String> replaced = send("PUT", "/api/v1/users/3003", "alice:alice-secret",
                    "{\"displayName\":\"Sales team\"}");
            assertThat(replaced.statusCode()).isEqualTo(200);
            assertThat(json.readTree(replaced.body()).get("enabled").asBoolean()).isTrue();

            JsonNode list = json.readTree(send("GET", "/api/v1/users", "victor:victor-secret", null).body());
            assertThat(list.findValuesAsText("number")).contains("1001", "3003");

            assertThat(send("DELETE", "/api/v1/users/3003", "alice:alice-secret", null).statusCode()).isEqualTo(204);
            assertThat(users.find("3003")).isEmpty();
        }

        @Test
        void aNumberWithHashIsEscapedInTheLocation() throws Exception {
            HttpResponse<String> created = send("PUT", "/api/v1/users/*55%2312", "alice:alice-secret", "{}");

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).hasValue(server.uri("/api/v1/users/*55%2312")
                    .toString());
            assertThat(users.find("*55#12")).isPresent();
        }

        @Test
        void deletingAnAbsentUserIs404() throws Exception {
            assertError(send("DELETE", "/api/v1/users/9999", "alice:alice-secret", null), 404, "Not Found",
                    "no recording user with number 9999");
        }

        @Test
        void anInvalidNumberIs400() throws Exception {
            assertError(send("PUT", "/api/v1/users/12%2034", "alice:alice-secret", "{\"displayName\":\"x\"}"), 400,
                    "Bad Request", "invalid number '12 34'");
        }

        @Test
        void aBodyThatIsNotJsonIs400() throws Exception {
            assertError(send("PUT", "/api/v1/users/4004", "alice:alice-secret", "{displayName"), 400, "Bad Request",
                    "the request body is not the expected JSON");
        }

        @Test
        void anUnknownFieldIs400() throws Exception {
            HttpResponse<String> response = send("PUT", "/api/v1/users/4004", "alice:alice-secret",
                    "{\"name\":\"x\"}");
            assertError(response, 400, "Bad Request", "the request body is not the expected JSON");
            assertThat(response.body()).doesNotContain("org.forkline");
        }

        @Test
        void aTooLongDisplayNameIs400() throws Exception {
            assertError(send("PUT", "/api/v1/users/4004", "alice:alice-secret",
                    "{\"displayName\":\"" + "x".repeat(129) + "\"}"), 400, "Bad Request", "longer than 128");
        }
    }

    @Nested
    class Drain {

        @Test
        void drainingAndResumingAnswerTheHealth() throws Exception {
            HttpResponse<String> drained = send("PUT", "/api/v1/drain", "alice:alice-secret", "{\"drained\":true}");
            assertThat(drained.statusCode()).isEqualTo(200);
            assertThat(json.readTree(drained.body()).get("drained").asBoolean()).isTrue();
            assertThat(json.readTree(drained.body()).get("status").asText()).isEqualTo("DOWN");

            HttpResponse<String> resumed = send("PUT", "/api/v1/drain", "alice:alice-secret", "{\"drained\":false}");
            assertThat(json.readTree(resumed.body()).get("drained").asBoolean()).isFalse();
            assertThat(node.status().drained()).isFalse();
        }

        @Test
        void aBodyWithoutDrainedIs400() throws Exception {
            assertError(send("PUT", "/api/v1/drain", "alice:alice-secret", "{}"), 400, "Bad Request",
                    "send {\"drained\": true}");
        }

        @Test
        void aViewerMayNotDrain() throws Exception {
            assertThat(send("PUT", "/api/v1/drain", "victor:victor-secret", "{\"drained\":true}").statusCode())
                    .isEqualTo(403);
            assertThat(node.status().drained()).isFalse();
        }
    }

    @Nested
    class UnknownPaths {

        @Test
        void anUnknownPathIs404Json() throws Exception {
            assertError(send("GET", "/api/v1/nothing-here", "victor:victor-secret", null), 404, "Not Found",
                    "no resource at /api/v1/nothing-here");
        }

        @Test
        void aMethodTheResourceDoesNotHaveIs405Json() throws Exception {
            HttpResponse<String> response = send("POST", "/api/v1/health", null, "{}");

            assertError(response, 405, "Method Not Allowed", "POST is not allowed on /api/v1/health");
        }
    }

    private void assertError(HttpResponse<String> response, int status, String error, String messagePart)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("error", "message", "status");
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).contains(messagePart);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpResponse<String> send(String method, String path, String userAndPassword, String jsonBody)
            throws Exception {
        return http.send(request(method, path, userAndPassword, jsonBody).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> bytes(String method, String path, String range) throws Exception {
        HttpRequest.Builder request = request(method, path, "victor:victor-secret", null);
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String method, String path, String userAndPassword, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (userAndPassword != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
