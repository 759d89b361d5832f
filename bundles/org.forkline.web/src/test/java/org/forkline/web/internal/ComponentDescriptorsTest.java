package org.forkline.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Checks the DS and metatype XML bnd generated, i.e. what the whiteboard and Config Admin will see. */
class ComponentDescriptorsTest {

    private static final Path OSGI_INF = Path.of("target/classes/OSGI-INF");

    @Test
    void everyResourceWaitsForJsonAndTheAuthenticationFilter() throws IOException {
        List<Path> resources = descriptors("org.forkline.web.internal.resource.");

        assertThat(resources).hasSize(5);
        for (Path resource : resources) {
            assertThat(Files.readString(resource)).as(resource.toString())
                    .contains("name=\"osgi.jaxrs.resource\" type=\"Boolean\" value=\"true\"")
                    .contains("(osgi.jaxrs.media.type=application/json)\n(osgi.jaxrs.name=forkline-basic-auth)");
        }
    }

    @Test
    void theFilterAndTheMappersAreWhiteboardExtensions() throws IOException {
        String filter = Files.readString(OSGI_INF.resolve("org.forkline.web.internal.security.BasicAuthFilter.xml"));
        assertThat(filter).contains("name=\"osgi.jaxrs.extension\" type=\"Boolean\" value=\"true\"",
                "value=\"forkline-basic-auth\"", "javax.ws.rs.container.ContainerRequestFilter");

        List<Path> mappers = descriptors("org.forkline.web.internal.error.");
        assertThat(mappers).hasSize(3);
        for (Path mapper : mappers) {
            assertThat(Files.readString(mapper)).contains("osgi.jaxrs.extension", "javax.ws.rs.ext.ExceptionMapper");
        }
    }

    @Test
    void theMetatypeDefaultsAreTheShippedConfiguration() throws IOException {
        String policy = Files.readString(OSGI_INF.resolve("org.forkline.web.internal.security.AccessPolicy.xml"));
        assertThat(policy).contains("configuration-pid=\"org.forkline.web\"");

        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("../../config/org.forkline.web.cfg"))) {
            shipped.load(reader);
        }
        assertThat(shipped.stringPropertyNames()).containsExactlyInAnyOrder("realm", "viewerRoles", "adminRoles");
        for (String key : shipped.stringPropertyNames()) {
            assertThat(policy).contains("<property name=\"" + key + "\" type=\"String\" value=\""
                    + shipped.getProperty(key) + "\"/>");
        }
    }

    private static List<Path> descriptors(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(OSGI_INF)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
        }
    }
}
