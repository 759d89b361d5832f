package org.forkline.storage.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.forkline.storage.internal.opus.OpusSettings;

/** The configuration, validated, with {@code ${karaf.data}} resolved. */
record StorageSettings(Path dataDir, String nodeId, long minFreeBytes, int healthCheckSeconds, Duration pairingWait,
        int sealingThreads, OpusSettings opus) {

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String KARAF_DATA = "${karaf.data}";

    StorageSettings {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("nodeId '" + nodeId + "' is invalid: use 1 to 64 letters, digits, "
                    + "'.', '_' or '-'");
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeDiskMb must not be negative");
        }
        if (healthCheckSeconds < 1) {
            throw new IllegalArgumentException("healthCheckSeconds must be at least 1, was " + healthCheckSeconds);
        }
        if (pairingWait.isNegative()) {
            throw new IllegalArgumentException("pairingWaitSeconds must not be negative");
        }
        if (sealingThreads < 1) {
            throw new IllegalArgumentException("sealingThreads must be at least 1, was " + sealingThreads);
        }
    }

    /**
     * Reads the component configuration.
     *
     * @param properties framework properties (for {@code karaf.data}); may return null
     */
    static StorageSettings from(StorageComponent.Config config, UnaryOperator<String> properties) {
        String dataDir = config.dataDir();
        if (dataDir.contains(KARAF_DATA)) {
            String karafData = properties.apply("karaf.data");
            if (karafData == null || karafData.isBlank()) {
                throw new IllegalArgumentException("dataDir '" + dataDir + "' needs the karaf.data property, which is "
                        + "not set: set dataDir to a folder");
            }
            dataDir = dataDir.replace(KARAF_DATA, karafData);
        }
        return new StorageSettings(Path.of(dataDir).toAbsolutePath().normalize(), config.nodeId(),
                config.minFreeDiskMb() * 1024 * 1024, config.healthCheckSeconds(),
                Duration.ofSeconds(config.pairingWaitSeconds()), config.sealingThreads(),
                new OpusSettings(config.opus_bitratePerChannel(), config.opus_complexity(), config.opus_gateDbfs()));
    }
}
