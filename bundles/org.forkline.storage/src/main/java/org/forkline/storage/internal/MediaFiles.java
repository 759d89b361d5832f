package org.forkline.storage.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a recording's stereo file lives: {@code media/yyyy/MM/dd/<id>.opus} under the data folder, stored in Derby
 * relative to it. The one place that builds those paths and that accepts a stored one back (no path outside media/).
 */
public final class MediaFiles {

    private static final DateTimeFormatter DAY_FOLDER =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final Path dataDir;
    private final Path mediaRoot;

    public MediaFiles(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.mediaRoot = this.dataDir.resolve("media");
    }

    /** The file of a new recording, in the folder of the day it started (UTC). */
    public Path fileFor(UUID id, Instant start) {
        return mediaRoot.resolve(DAY_FOLDER.format(start)).resolve(id + ".opus");
    }

    /** The path to store in Derby for {@code file}: relative to the data folder, with '/' separators. */
    public String stored(Path file) {
        return dataDir.relativize(file).toString().replace('\\', '/');
    }

    /** A stored path back as a file, only when it is {@code id}'s file under media/; empty otherwise. */
    public Optional<Path> resolve(UUID id, String storedPath) {
        if (storedPath == null) {
            return Optional.empty();
        }
        Path file = dataDir.resolve(storedPath).normalize();
        return file.startsWith(mediaRoot) && file.getFileName().toString().equals(id + ".opus") ? Optional.of(file)
                : Optional.empty();
    }
}
