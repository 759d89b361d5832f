package org.forkline.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The document of {@code GET /api/v1/cluster}, read by JSON path: {@code nodeId}, {@code leader}, {@code problems},
 * and per member {@code nodeId}, {@code role}, {@code priority}, {@code up}, {@code lastSeen}, {@code leader},
 * {@code roleRefused}, {@code endpoint} and {@code replication} (null without the replication bundle).
 */
public record ClusterView(JsonNode json) {

    /** One member as the answering node sees it; {@code lastSeen} is null when never seen. */
    public record Member(String nodeId, String role, int priority, boolean up, String lastSeen, boolean leader,
            boolean roleRefused, String endpoint, JsonNode replication) {
    }

    /** Reads the node's view; fails unless it answers 200 with JSON. */
    public static ClusterView of(ForklineNode node) throws IOException {
        HttpResponse<String> response = node.rest().get("cluster");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(node + ": GET /api/v1/cluster answered " + response.statusCode() + " "
                    + response.body());
        }
        return new ClusterView(node.rest().mapper().readTree(response.body()));
    }

    public String nodeId() {
        return json.path("nodeId").asText(null);
    }

    /** The jobs leader, or null while there is none. */
    public String leader() {
        JsonNode leader = json.path("leader");
        return leader.isTextual() ? leader.asText() : null;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        json.path("problems").forEach(p -> problems.add(p.asText()));
        return problems;
    }

    public List<Member> members() {
        List<Member> members = new ArrayList<>();
        for (JsonNode m : json.path("members")) {
            members.add(new Member(m.path("nodeId").asText(null), m.path("role").asText(null),
                    m.path("priority").asInt(), m.path("up").asBoolean(), m.path("lastSeen").isTextual()
                            ? m.path("lastSeen").asText() : null, m.path("leader").asBoolean(),
                    m.path("roleRefused").asBoolean(), m.path("endpoint").asText(null), m.path("replication")));
        }
        return members;
    }

    public Optional<Member> member(String nodeId) {
        return members().stream().filter(m -> nodeId.equals(m.nodeId())).findFirst();
    }

    /** Node ids of the members that are up, in the document's order (by node id). */
    public List<String> upNodeIds() {
        return members().stream().filter(Member::up).map(Member::nodeId).toList();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
