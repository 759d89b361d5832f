package org.forkline.sip.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance drain flag, persisted as a marker file in the bundle's data area (the node's data folder)
 * so that a drained node stays drained across restarts.
 */
final class DrainSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(DrainSwitch.class);

    private final Path file;
    private volatile boolean drained;

    /** @param file marker file, or null when the framework offers no data area (then not persisted) */
    DrainSwitch(Path file) {
        this.file = file;
        this.drained = file != null && Files.exists(file);
        if (drained) {
            LOG.warn("Node starts drained (flag {} set by forkline:drain): new calls and OPTIONS are answered "
                    + "unavailable until it is resumed", file);
        }
    }

    boolean isDrained() {
        return drained;
    }

    synchronized void set(boolean value) {
        drained = value;
        persist(value);
        if (value) {
            LOG.warn("Node drained: new INVITEs and OPTIONS are answered unavailable so that CUCM uses the backup; "
                    + "calls already up continue");
        } else {
            LOG.info("Node resumed: accepting new calls again");
        }
    }

    private void persist(boolean value) {
        if (file == null) {
            LOG.warn("No bundle data area: the drain flag lasts only until the next restart");
            return;
        }
        try {
            if (value) {
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(temporary, "drained since " + Instant.now() + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.error("Could not persist the drain flag in {}: {}; it applies until the next restart", file,
                    e.toString());
        }
    }
}
