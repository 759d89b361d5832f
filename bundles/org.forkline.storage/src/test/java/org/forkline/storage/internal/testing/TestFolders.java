package org.forkline.storage.internal.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Fresh folders under target/ for one test each. */
public final class TestFolders {

    private TestFolders() {
    }

    public static Path fresh(Class<?> testClass) throws IOException {
        Path folder = Path.of("target", "test-data", testClass.getSimpleName(), UUID.randomUUID().toString())
                .toAbsolutePath();
        Files.createDirectories(folder);
        return folder;
    }
}
