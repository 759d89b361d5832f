package org.forkline.rtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.forkline.rtp.internal.testing.TestConfig;
import org.junit.jupiter.api.Test;

class RtpSettingsTest {

    /** The shipped defaults file; the metatype must declare exactly its keys with the same defaults. */
    private static final Path SHIPPED_CONFIG = Path.of("../../config/org.forkline.rtp.cfg");

    @Test
    void metatypeDeclaresExactlyTheKeysAndDefaultsOfTheShippedConfigFile() throws IOException {
        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(SHIPPED_CONFIG)) {
            shipped.load(reader);
        }
        Set<String> attributes = Arrays.stream(RtpConfig.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toSet());

        assertThat(attributes).isEqualTo(shipped.stringPropertyNames());
        for (Method attribute : RtpConfig.class.getDeclaredMethods()) {
            assertThat(String.valueOf(attribute.getDefaultValue())).as(attribute.getName())
                    .isEqualTo(shipped.getProperty(attribute.getName()).trim());
        }
    }

    @Test
    void defaultsGiveAUsableRange() {
        RtpSettings settings = RtpSettings.from(TestConfig.defaults());

        assertThat(settings.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.advertisedAddress()).isNull();
        assertThat(settings.offeredAddress()).isEqualTo(settings.address());
        assertThat(settings.legOptions().reorderMillis()).isEqualTo(80);
        assertThat(settings.legOptions().strictSource()).isTrue();
    }

    @Test
    void advertisedAddressIsOfferedWhenSet() {
        RtpSettings settings = RtpSettings.from(TestConfig.defaults().advertisedAddress(" 192.0.2.10 "));

        assertThat(settings.offeredAddress().getHostAddress()).isEqualTo("192.0.2.10");
    }

    @Test
    void rejectsARangeWithoutAPortPairNamingTheKeysAndFile() {
        assertThatThrownBy(() -> RtpSettings.from(TestConfig.defaults().ports(20001, 20002)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("portMin=20001").hasMessageContaining("etc/org.forkline.rtp.cfg");
        assertThatThrownBy(() -> RtpSettings.from(TestConfig.defaults().ports(30000, 20000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertThatThrownBy(() -> RtpSettings.from(TestConfig.defaults().reorderMillis(-1)))
                .hasMessageContaining("reorderMillis");
        assertThatThrownBy(() -> RtpSettings.from(TestConfig.defaults().flushMillis(0)))
                .hasMessageContaining("flushMillis");
        assertThatThrownBy(() -> RtpSettings.from(TestConfig.defaults().inactivityTimeoutSeconds(0)))
                .hasMessageContaining("inactivityTimeoutSeconds");
        assertThatThrownBy(() -> RtpSettings.from(TestConfig.defaults().threads(-1)))
                .hasMessageContaining("threads");
    }
}
