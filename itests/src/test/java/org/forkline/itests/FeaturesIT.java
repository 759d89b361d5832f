package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.SipMessage;
import org.forkline.itests.support.SipUdpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The distribution's Karaf features: all Forkline features and bundles up, and the REST feature removable at run time. */
class FeaturesIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final String[] FEATURES = {"forkline", "forkline-api", "forkline-core", "forkline-node",
        "forkline-shell", "forkline-web", "forkline-derby", "forkline-jain-sip", "forkline-netty",
        "forkline-jaxrs-whiteboard", "forkline-jaxrs-jackson", "forkline-replication"};
    private static final String[] BUNDLES = {"org.forkline.api", "org.forkline.rtp", "org.forkline.storage",
        "org.forkline.sip", "org.forkline.shell", "org.forkline.web", "org.forkline.replication", "org.forkline.ha",
        "org.forkline.handover"};

    private static ForklineNode node;

    @BeforeAll
    static void startNode() {
        node = NODES.start(ForklineNode.builder("features"));
    }

    @Test
    void everyForklineFeatureIsStartedAndEveryForklineBundleIsActive() {
        Map<String, String> features = forklineFeatureStates();
        assertThat(features).containsKeys(FEATURES);
        assertThat(features).allSatisfy((name, state) -> assertThat(state).as("state of feature %s", name)
                .isEqualTo("Started"));

        Map<String, String> bundles = table(node.shell().run("bundle:list -s -t 0"), 4, 1, "org.forkline.");
        assertThat(bundles).containsKeys(BUNDLES);
        assertThat(bundles).allSatisfy((name, state) -> assertThat(state).as("state of bundle %s", name)
                .isEqualTo("Active"));
    }

    @Test
    void withoutTheWebFeatureTheRestApiIsGoneButSipStillAnswers() throws Exception {
        // forkline-web comes in as part of "forkline": keep the rest required, then drop the top feature.
        node.shell().run("feature:install forkline-node forkline-shell");
        try {
            node.shell().run("feature:uninstall forkline");
            if (!"Uninstalled".equals(forklineFeatureStates().get("forkline-web"))) {
                node.shell().run("feature:uninstall forkline-web");
            }
            assertThat(forklineFeatureStates()).containsEntry("forkline-web", "Uninstalled")
                    .containsEntry("forkline-core", "Started");

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> healthStatus().map(status -> status == 404).orElse(true));
            assertThat(optionsAnswer()).hasValue(200);
            assertThat(bundleStates()).doesNotContainKey("org.forkline.web")
                    .containsEntry("org.forkline.sip", "Active");

            node.shell().run("feature:install forkline-web");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> node.rest().healthIfAnswering().isPresent());
            assertThat(node.rest().health().nodeId()).isEqualTo(node.nodeId());
        } finally {
            node.shell().run("feature:install forkline");
        }
        assertThat(forklineFeatureStates()).containsEntry("forkline", "Started").containsEntry("forkline-web",
                "Started");
        assertThat(optionsAnswer()).hasValue(200);
    }

    private static Map<String, String> forklineFeatureStates() {
        return table(node.shell().run("feature:list"), 0, 3, "forkline");
    }

    private static Map<String, String> bundleStates() {
        return table(node.shell().run("bundle:list -s -t 0"), 4, 1, "org.forkline.");
    }

    /** Rows of a Karaf shell table whose key column starts with {@code prefix}: key column → value column. */
    private static Map<String, String> table(String output, int keyColumn, int valueColumn, String prefix) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            String[] cells = line.split("\\|");
            if (cells.length > Math.max(keyColumn, valueColumn) && cells[keyColumn].trim().startsWith(prefix)) {
                rows.put(cells[keyColumn].trim(), cells[valueColumn].trim());
            }
        }
        return rows;
    }

    /** HTTP status of GET /api/v1/health, empty when the connection is refused. */
    private static Optional<Integer> healthStatus() {
        try {
            HttpResponse<String> response = node.rest().get("health");
            return Optional.of(response.statusCode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> optionsAnswer() {
        try (SipUdpClient sip = SipUdpClient.to(node)) {
            return sip.options(Duration.ofSeconds(3)).map(SipMessage::statusCode);
        }
    }
}
