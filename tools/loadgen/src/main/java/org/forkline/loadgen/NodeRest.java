package org.forkline.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Basic-auth REST reads of one node for the benchmarks: recordings pages, totals, cluster status. */
final class NodeRest {

    /** {@code byeAt}: the last leg's end (the BYE); {@code endedAt}: the end of the recorded audio. */
    record Recording(String id, String state, Instant endedAt, Instant byeAt, long durationMillis, long sizeBytes) {
        boolean sealed() {
            return "SEALED".equals(state) && endedAt != null;
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    NodeRest(String base) {
        this.base = base;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path, Duration.ofSeconds(30)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(base + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** A binary answer, e.g. a recording's audio; empty when the node answers anything but 200. */
    byte[] bytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(path, Duration.ofSeconds(60)),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? response.body() : new byte[0];
    }

    /** As karaf:karaf, the distribution's default admin. */
    private HttpRequest request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Basic a2FyYWY6a2FyYWY=").build();
    }

    /** One page, newest started first; empty when the node does not answer (busy, starting). */
    List<Recording> page(String since, int offset, int limit) {
        try {
            return recordings(get("/api/v1/recordings?limit=" + limit + "&offset=" + offset
                    + (since == null ? "" : "&from=" + URLEncoder.encode(since, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Every recording started since the instant (all when null), at most 100 pages. */
    List<Recording> all(String since) {
        List<Recording> all = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            List<Recording> items = page(since, all.size(), 1000);
            all.addAll(items);
            if (items.size() < 1000) {
                break;
            }
        }
        return all;
    }

    long total() {
        try {
            return get("/api/v1/recordings?limit=1").path("total").asLong();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    JsonNode cluster() {
        try {
            return get("/api/v1/cluster");
        } catch (IOException e) {
            return json.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json.createObjectNode();
        }
    }

    private static List<Recording> recordings(JsonNode page) {
        List<Recording> items = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            Instant ended = instant(item.path("endedAt"));
            Instant bye = null;
            for (JsonNode leg : item.path("legs")) {
                Instant legEnded = instant(leg.path("endedAt"));
                bye = bye == null || legEnded != null && legEnded.isAfter(bye) ? legEnded : bye;
            }
            items.add(new Recording(item.path("id").asText(), item.path("state").asText(), ended,
                    bye == null ? ended : bye, item.path("durationMillis").asLong(),
                    item.path("sizeBytes").asLong()));
        }
        return items;
    }

    private static Instant instant(JsonNode text) {
        String value = text.asText(null);
        return value == null || value.isEmpty() ? null : Instant.parse(value);
    }
}
