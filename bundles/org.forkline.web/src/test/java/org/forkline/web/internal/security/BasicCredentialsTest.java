package org.forkline.web.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesUserAndPassword() {
        assertThat(BasicCredentials.parse(basic("karaf:secret"))).contains(new BasicCredentials("karaf", "secret"));
    }

    @Test
    void thePasswordMayContainColonsAndBeEmpty() {
        assertThat(BasicCredentials.parse(basic("alice:a:b:c"))).contains(new BasicCredentials("alice", "a:b:c"));
        assertThat(BasicCredentials.parse(basic("alice:"))).contains(new BasicCredentials("alice", ""));
    }

    @Test
    void theSchemeIsCaseInsensitiveAndUtf8IsDecoded() {
        String header = "bAsIc  "
                + Base64.getEncoder().encodeToString("jürg:pässword".getBytes(StandardCharsets.UTF_8));
        assertThat(BasicCredentials.parse(header)).contains(new BasicCredentials("jürg", "pässword"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Basic", "Basic ", "Bearer abc.def", "Basic !!!notbase64", "Basic a2FyYWY="})
    void rejectsWhatIsNotBasicWithUserAndPassword(String header) {
        // a2FyYWY= is "karaf" without a colon
        assertThat(BasicCredentials.parse(header)).isEmpty();
    }

    @Test
    void anEmptyUserIsRejected() {
        assertThat(BasicCredentials.parse(basic(":secret"))).isEmpty();
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(new BasicCredentials("karaf", "secret").toString()).contains("karaf").doesNotContain("secret");
    }
}
