package org.forkline.storage.internal.seal;

import java.util.UUID;

/**
 * What one sealing produced and cost.
 *
 * @param durationSamples   audio length per channel at {@code sampleRate}
 * @param sha256            hex SHA-256 of the file
 * @param framesWritten     20 ms frames in the file
 * @param leftFramesEncoded near-end frames that passed the energy gate
 * @param cpuNanos          CPU time of the sealing thread
 */
public record SealReport(UUID recordingId, int sampleRate, long durationSamples, long sizeBytes, String sha256,
        long framesWritten,
        long leftFramesEncoded, long rightFramesEncoded, long wallNanos, long cpuNanos) {

    public long durationMillis() {
        return durationSamples * 1000 / sampleRate;
    }
}
