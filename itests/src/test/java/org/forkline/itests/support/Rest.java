package org.forkline.itests.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Client of a node's REST API {@code /api/v1} with HTTP Basic (karaf/karaf ships in etc/users.properties). */
public final class Rest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final URI base;
    private final String authorization;

    public Rest(String host, int port, String user, String password) {
        this.base = URI.create("http://" + host + ":" + port + "/api/v1/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI base() {
        return base;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** GET of a path below /api/v1 (e.g. {@code "health"}), body as text. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException {
        return send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET with extra headers, body as bytes. */
    public HttpResponse<byte[]> getBytes(String pathAndQuery, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = request(pathAndQuery).GET();
        headers.forEach(request::header);
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** PUT of a JSON body. */
    public HttpResponse<String> put(String path, Object body) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The health document, whatever its HTTP status (a DOWN node may answer 503); fails when it is not JSON. */
    public HealthView health() throws IOException {
        HttpResponse<String> response = get("health");
        return new HealthView(response.statusCode(), json(response));
    }

    /** The health document, or empty when the API does not answer with JSON (not up, REST feature removed). */
    public Optional<HealthView> healthIfAnswering() {
        try {
            HttpResponse<String> response = get("health");
            JsonNode json = mapper.readTree(response.body());
            return json != null && json.isObject() ? Optional.of(new HealthView(response.statusCode(), json))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code GET recordings?...}: one page of search results; fails on a non-200 answer. */
    public RecordingJson.PageJson search(Map<String, String> query) throws IOException {
        String queryString = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = get("recordings" + (queryString.isEmpty() ? "" : "?" + queryString));
        expectStatus(response, 200);
        return mapper.readValue(response.body(), RecordingJson.PageJson.class);
    }

    /** Recordings whose near or far number is {@code number} (up to 100). */
    public List<RecordingJson> recordingsOf(String number) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("number", number);
        query.put("limit", "100");
        return search(query).items();
    }

    /** {@code GET recordings/{id}}; fails on a non-200 answer. */
    public RecordingJson recording(UUID id) throws IOException {
        HttpResponse<String> response = get("recordings/" + id);
        expectStatus(response, 200);
        return mapper.readValue(response.body(), RecordingJson.class);
    }

    /**
     * {@code GET recordings/{id}/audio}, Ogg Opus when {@code format} is null, else {@code ?format=<format>};
     * with a {@code Range} header when {@code range} is not null.
     */
    public HttpResponse<byte[]> audio(UUID id, String format, String range) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (range != null) {
            headers.put("Range", range);
        }
        return getBytes("recordings/" + id + "/audio" + (format == null ? "" : "?format=" + format), headers);
    }

    /** {@code PUT users/{number}}: makes the number a recording user; fails unless 200/201/204. */
    public void putUser(String number, String displayName, boolean enabled) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", displayName);
        body.put("enabled", enabled);
        HttpResponse<String> response = put("users/" + URLEncoder.encode(number, StandardCharsets.UTF_8), body);
        if (response.statusCode() != 200 && response.statusCode() != 201 && response.statusCode() != 204) {
            throw new AssertionError("PUT " + base + "users/" + number + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Parses a JSON body, failing with the body in the message when it is not JSON. */
    public JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError(response.request().uri() + " answered " + response.statusCode()
                    + " with a body that is not JSON: " + response.body(), e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).header("Accept", "*/*");
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + request.uri(), e);
        }
    }

    private static void expectStatus(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + status + "): " + response.body());
        }
    }
}
