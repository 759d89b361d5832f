package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MediaFilesTest {

    private final Path dataDir = Path.of("target/test-data/MediaFilesTest").toAbsolutePath();
    private final MediaFiles files = new MediaFiles(dataDir);
    private final UUID id = UUID.fromString("4a0c1c52-7f9e-4d2b-9a34-0a4f3e1d2c11");

    @Test
    void aNewFileGoesIntoTheUtcDayFolderAndIsStoredRelativeToTheDataFolder() {
        Path file = files.fileFor(id, Instant.parse("2026-11-25T23:59:59Z"));

        assertThat(file).isEqualTo(dataDir.resolve("media/2026/11/25/" + id + ".opus"));
        assertThat(files.stored(file)).isEqualTo("media/2026/11/25/" + id + ".opus");
        assertThat(files.resolve(id, files.stored(file))).contains(file);
    }

    @Test
    void aStoredPathOutsideTheMediaFolderOrOfAnotherRecordingIsRefused() {
        assertThat(files.resolve(id, "media/../../etc/" + id + ".opus")).isEmpty();
        assertThat(files.resolve(id, "/etc/passwd")).isEmpty();
        assertThat(files.resolve(id, "media/2026/11/25/" + UUID.randomUUID() + ".opus")).isEmpty();
        assertThat(files.resolve(id, null)).isEmpty();
    }
}
