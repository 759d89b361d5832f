package org.forkline.ha.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

import org.forkline.api.cluster.NodeRole;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    @Test
    void defaultsMakeAPrimaryClusterOfOne() throws Exception {
        ClusterSettings settings = ClusterSettings.from(new TestConfig(), "8181");

        assertThat(settings.role()).isEqualTo(NodeRole.PRIMARY);
        assertThat(settings.clustered()).isFalse();
        assertThat(settings.startProblem()).isEmpty();
        assertThat(settings.grace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8181"));
        assertThat(settings.failureDetectionPort()).isEqualTo(7900);
    }

    @Test
    void peersAreParsedAndThisNodeIsAddedWhenMissing() throws Exception {
        ClusterSettings settings = ClusterSettings.from(new TestConfig().with("role", " Backup ")
                .with("peers", "127.0.0.1:7801, 127.0.0.1:7802 127.0.0.1:7801").with("secret", "s3cret"), "8282");

        assertThat(settings.role()).isEqualTo(NodeRole.BACKUP);
        assertThat(settings.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 7801),
                new InetSocketAddress("127.0.0.1", 7802), new InetSocketAddress("127.0.0.1", 7800));
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8282"));
        assertThat(settings.startProblem()).isEmpty();
    }

    @Test
    void peersWithoutASecretIsAStartProblemNotAnError() throws Exception {
        ClusterSettings settings = ClusterSettings.from(new TestConfig().with("peers", "127.0.0.1:7801"), "8181");

        assertThat(settings.startProblem()).hasValueSatisfying(p -> assertThat(p).contains("secret is empty")
                .contains("FORKLINE_CLUSTER_SECRET"));
        assertThat(settings.toString()).doesNotContain("secret=");
    }

    @Test
    void theAdvertisedUrlWins() throws Exception {
        ClusterSettings settings = ClusterSettings.from(new TestConfig()
                .with("advertisedUrl", "https://rec1.example.com:8443/"), "8181");

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://rec1.example.com:8443"));
    }

    @Test
    void badValuesNameTheFileAndKey() {
        assertThatThrownBy(() -> ClusterSettings.from(new TestConfig().with("role", "leader"), "8181"))
                .hasMessageStartingWith("etc/org.forkline.cluster.cfg: role = 'leader'");
        assertThatThrownBy(() -> ClusterSettings.from(new TestConfig().with("peers", "127.0.0.1"), "8181"))
                .hasMessageContaining("peers").hasMessageContaining("host:port");
        assertThatThrownBy(() -> ClusterSettings.from(new TestConfig().with("bindPort", 0), "8181"))
                .hasMessageContaining("bindPort");
        assertThatThrownBy(() -> ClusterSettings.from(new TestConfig().with("graceSeconds", -1), "8181"))
                .hasMessageContaining("graceSeconds");
        assertThatThrownBy(() -> ClusterSettings.from(new TestConfig().with("nodeId", "a b"), "8181"))
                .hasMessageStartingWith("etc/org.forkline.node.cfg: nodeId");
        assertThatThrownBy(() -> ClusterSettings.from(new TestConfig().with("advertisedUrl", "ftp://x"), "8181"))
                .hasMessageContaining("advertisedUrl");
        assertThatThrownBy(() -> ClusterSettings.from(new TestConfig().with("bindPort", 65500), "8181"))
                .hasMessageContaining("failureDetectionOffset");
        assertThatThrownBy(() -> ClusterSettings.from(new TestConfig().with("failureDetectionOffset", 0), "8181"))
                .hasMessageContaining("the same on every node");
    }
}
