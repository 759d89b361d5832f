package org.forkline.web.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.Recording;
import org.forkline.api.RecordingLeg;
import org.forkline.api.RecordingPage;
import org.forkline.api.RecordingState;
import org.forkline.api.node.NodeStatus;
import org.forkline.testing.FixedNodeStatus;
import org.forkline.web.internal.testing.Recordings;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonMappingTest {

    private static final UUID ID = UUID.fromString("0b7e7a52-2a4b-4c1e-9d43-5f7b1c2d3e4f");

    private final ObjectMapper jackson = new ObjectMapper();

    @Test
    void aRecordingBecomesJsonWithIsoInstantsAndItsAudioUrl() throws Exception {
        Recording recording = Recordings.sealed(ID, Instant.parse("2026-11-25T10:00:00.5Z"), "1001");

        JsonNode json = jackson.valueToTree(JsonMapping.recording(recording));

        assertThat(json.get("id").asText()).isEqualTo(ID.toString());
        assertThat(json.get("state").asText()).isEqualTo("SEALED");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-25T10:00:00.500Z");
        assertThat(json.get("endedAt").asText()).isEqualTo("2026-11-25T10:01:23.500Z");
        assertThat(json.get("durationMillis").asLong()).isEqualTo(83_000);
        assertThat(json.get("near").get("displayName").asText()).isEqualTo("Alice");
        assertThat(json.get("far").get("displayName").isNull()).isTrue();
        assertThat(json.get("audioUrl").asText()).isEqualTo("/api/v1/recordings/" + ID + "/audio");
        assertThat(json.get("sizeBytes").asLong()).isEqualTo(1_234_567);
        assertThat(json.get("legs").get(0).get("direction").asText()).isEqualTo("NEAR");
        assertThat(json.get("legs").get(0).get("stats").get("packetsLost").asLong()).isEqualTo(2);
        assertThat(fieldNames(json)).containsExactly("id", "state", "startedAt", "endedAt", "durationMillis", "near",
                "far", "clusterId", "refci", "codec", "nodeId", "recovered", "orphan", "sizeBytes", "sha256",
                "audioUrl", "legs");
    }

    @Test
    void anActiveRecordingHasNullEndAndHash() {
        RecordingJson json = JsonMapping.recording(
                Recordings.recording(ID, RecordingState.ACTIVE, Instant.parse("2026-11-25T10:00:00Z"), "1001"));

        assertThat(json.endedAt()).isNull();
        assertThat(json.sha256()).isNull();
        assertThat(json.legs().get(0).endReason()).isNull();
    }

    @Test
    void missingPartiesAndStatsBecomeEmptyObjectsNotNulls() {
        RecordingLeg leg = new RecordingLeg(ID, org.forkline.api.LegDirection.FAR, "c@x", Instant.EPOCH, null, null,
                null, null, null);
        Recording recording = new Recording(ID, RecordingState.ACTIVE, Instant.EPOCH, null, 0, null, null, null,
                null, null, "node1", false, true, 0, null, List.of(leg));

        RecordingJson json = JsonMapping.recording(recording);

        assertThat(json.near()).isEqualTo(new PartyJson(null, null, null));
        assertThat(json.legs().get(0).stats().packetsReceived()).isZero();
        assertThat(json.orphan()).isTrue();
    }

    @Test
    void aPageKeepsTotalOffsetAndLimit() {
        RecordingPage page = new RecordingPage(List.of(Recordings.sealed(ID, Instant.EPOCH, "1")), 42, 10, 1);

        RecordingPageJson json = JsonMapping.page(page);

        assertThat(json.items()).hasSize(1);
        assertThat(json.total()).isEqualTo(42);
        assertThat(json.offset()).isEqualTo(10);
        assertThat(json.limit()).isEqualTo(1);
    }

    @Test
    void healthIsUpOnlyWhenTheNodeCanRecord() {
        NodeStatus up = new FixedNodeStatus().status();
        NodeStatus down = new NodeStatus("n2", false, List.of("disk low"), true, 0, 0, 10, null, null);

        assertThat(JsonMapping.health(up)).isEqualTo(new HealthJson("node1", "UP", true, false));
        assertThat(JsonMapping.health(down)).isEqualTo(new HealthJson("n2", "DOWN", false, true));
        HealthDetailsJson details = JsonMapping.healthDetails(down);
        assertThat(details.problems()).containsExactly("disk low");
        assertThat(details.storage()).isNull();
        assertThat(details.media()).isNull();
    }

    @Test
    void healthDetailsCarryStorageAndMediaCounters() throws Exception {
        JsonNode json = jackson.valueToTree(JsonMapping.healthDetails(new FixedNodeStatus().status()));

        assertThat(fieldNames(json.get("storage"))).containsExactly("freeBytes", "minFreeBytes", "writable",
                "databaseAvailable", "activeRecordings", "sealingBacklog");
        assertThat(fieldNames(json.get("media"))).containsExactly("activeSessions", "portsInUse", "portsTotal",
                "packetsReceived", "packetsLost", "packetsDuplicate", "packetsLate", "packetsUnexpectedSource",
                "packetsMalformed", "packetsEvents", "packetsComfortNoise");
        assertThat(json.get("media").get("packetsMalformed").asLong()).isEqualTo(4);
        assertThat(json.get("storage").get("minFreeBytes").asLong()).isEqualTo(1L << 30);
    }

    @Test
    void statsKeepEveryCounter() {
        StatsJson stats = JsonMapping.stats(new MediaStats(1, 2, 3, 4, 5, 6, 7, 8, 9));

        assertThat(stats).isEqualTo(new StatsJson(1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(JsonMapping.party(new Party("1", "SEP1", "A"))).isEqualTo(new PartyJson("1", "SEP1", "A"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
