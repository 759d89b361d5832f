package org.forkline.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SipSettingsTest {

    @Test
    void theShippedDefaultsAreValid() throws Exception {
        SipSettings settings = TestConfigs.settings(Map.of());

        assertThat(settings.nodeId()).isEqualTo("node1");
        assertThat(settings.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(settings.port()).isEqualTo(5060);
        assertThat(settings.transports()).containsExactly("udp", "tcp");
        assertThat(settings.advertisedAddress()).isNull();
        assertThat(settings.trustedPeers().isTrusted("::1")).isTrue();
        assertThat(settings.channelLimit()).isEqualTo(100);
        assertThat(settings.recordUnknownNumbers()).isFalse();
        assertThat(settings.codes()).isEqualTo(new AnswerCodes(403, 404, 486, 503));
        assertThat(settings.retryAfterSeconds()).isEqualTo(30);
        assertThat(settings.sessionExpiresSeconds()).isEqualTo(1800);
        assertThat(settings.minSessionExpiresSeconds()).isEqualTo(90);
        assertThat(settings.binding()).isEqualTo("udp+tcp 127.0.0.1:5060");
    }

    @Test
    void everyBadValueIsReportedWithItsKey() {
        assertInvalid("code.unavailable", 200, "from 300 to 699");
        assertInvalid("code.channelLimit", 700, "from 300 to 699");
        assertInvalid("code.untrusted", 299, "from 300 to 699");
        assertInvalid("code.unknownUser", 0, "from 300 to 699");
        assertInvalid("port", 0, "1 to 65535");
        assertInvalid("port", 70000, "1 to 65535");
        assertInvalid("address", "localhost", "must be an IP address");
        assertInvalid("transports", "udp,tls", "'tls' is not supported");
        assertInvalid("transports", " ", "name at least one");
        assertInvalid("trustedPeers", "10.0.0.0/40", "invalid prefix length");
        assertInvalid("advertisedAddress", "not a host!", "must be empty, an IP address or a host name");
        assertInvalid("channelLimit", -1, "use 0 or more");
        assertInvalid("retryAfterSeconds", -5, "0 (no Retry-After)");
        assertInvalid("minSessionExpiresSeconds", 60, "RFC 4028 minimum");
        assertInvalid("sessionExpiresSeconds", 80, "minSessionExpiresSeconds");
        assertInvalid("nodeId", "node 1", "letters, digits");
    }

    @Test
    void theErrorNamesTheFileTheKeyAndTheValue() {
        assertThatThrownBy(() -> TestConfigs.settings(Map.of("code.unavailable", 200)))
                .hasMessage("etc/org.forkline.sip.cfg: code.unavailable = '200' is invalid: must be a SIP final "
                        + "answer code from 300 to 699");
        assertThatThrownBy(() -> TestConfigs.settings(Map.of("nodeId", "")))
                .hasMessageStartingWith("etc/org.forkline.node.cfg: nodeId");
    }

    @Test
    void transportsAreNormalisedAndDeduplicated() throws Exception {
        assertThat(TestConfigs.settings(Map.of("transports", "TCP, udp ,tcp")).transports())
                .containsExactly("tcp", "udp");
    }

    @Test
    void contactHostPrefersTheAdvertisedAddressThenTheBindAddressThenTheAddressedHost() throws Exception {
        assertThat(TestConfigs.settings(Map.of()).contactHost("10.9.9.9")).isEqualTo("127.0.0.1");
        assertThat(TestConfigs.settings(Map.of("advertisedAddress", "recorder.example.com")).contactHost("x"))
                .isEqualTo("recorder.example.com");
        assertThat(TestConfigs.settings(Map.of("address", "0.0.0.0")).contactHost("10.48.38.30"))
                .isEqualTo("10.48.38.30");
        assertThat(TestConfigs.settings(Map.of("address", "::1")).contactHost(null)).isEqualTo("[0:0:0:0:0:0:0:1]");
        assertThat(TestConfigs.settings(Map.of("address", "::1")).binding())
                .isEqualTo("udp+tcp [0:0:0:0:0:0:0:1]:5060");
    }

    @Test
    void onlyAddressPortAndTransportsNeedARebind() throws Exception {
        SipSettings base = TestConfigs.settings(Map.of());

        assertThat(base.sameBinding(TestConfigs.settings(Map.of("channelLimit", 5, "trustedPeers", "10.0.0.1"))))
                .isTrue();
        assertThat(base.sameBinding(TestConfigs.settings(Map.of("port", 5070)))).isFalse();
        assertThat(base.sameBinding(TestConfigs.settings(Map.of("transports", "udp")))).isFalse();
        assertThat(base.sameBinding(TestConfigs.settings(Map.of("address", "0.0.0.0")))).isFalse();
        assertThat(List.of(base.transports())).hasSize(1);
    }

    private static void assertInvalid(String key, Object value, String rule) {
        assertThatThrownBy(() -> TestConfigs.settings(Map.of(key, value)))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key + " = '" + value + "'")
                .hasMessageContaining(rule);
    }
}
