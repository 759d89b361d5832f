package org.forkline.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The node health document of {@code GET /api/v1/health}, read by JSON path so that the tests state in one place
 * what they rely on: {@code nodeId}, {@code status} (UP/DOWN), {@code canRecord}, {@code problems} (strings),
 * {@code drained}, {@code activeCalls}, {@code activeLegs}, {@code media.portsInUse} and the malformed-packet counter at
 * {@code media.packetsMalformed} (or {@code media.totals.packetsMalformed}, the shape of NodeStatus.media()).
 *
 * @param httpStatus the HTTP status it came with
 * @param json       the document
 */
public record HealthView(int httpStatus, JsonNode json) {

    public String nodeId() {
        return json.path("nodeId").asText(null);
    }

    public String status() {
        return json.path("status").asText(null);
    }

    public boolean canRecord() {
        return json.path("canRecord").asBoolean(false);
    }

    public boolean drained() {
        return json.path("drained").asBoolean(false);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        json.path("problems").forEach(problem -> problems.add(problem.isTextual() ? problem.asText()
                : problem.toString()));
        return problems;
    }

    public OptionalLong activeCalls() {
        return number("activeCalls");
    }

    public OptionalLong activeLegs() {
        return number("activeLegs");
    }

    public OptionalLong portsInUse() {
        return number("media.portsInUse");
    }

    public OptionalLong packetsMalformed() {
        OptionalLong direct = number("media.packetsMalformed");
        return direct.isPresent() ? direct : number("media.totals.packetsMalformed");
    }

    /** A numeric field by dotted path; empty when absent, so that an assertion can say which field is missing. */
    public OptionalLong number(String dottedPath) {
        JsonNode node = json;
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node.isNumber() ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    }

    @Override
    public String toString() {
        return "HTTP " + httpStatus + " " + json;
    }
}
