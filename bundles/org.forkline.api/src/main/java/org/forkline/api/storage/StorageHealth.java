package org.forkline.api.storage;

/**
 * Whether storage can take new recordings, and why not.
 *
 * @param writable          the data folder accepts writes
 * @param databaseAvailable the metadata database answers
 * @param freeBytes         usable space left on the data folder's file system
 * @param minFreeBytes      configured threshold below which new calls are refused
 * @param activeRecordings  recordings with at least one leg still capturing
 * @param sealingBacklog    recordings waiting to be (or being) sealed
 * @param problem           operator-readable reason when not healthy, else null
 */
public record StorageHealth(boolean writable, boolean databaseAvailable, long freeBytes, long minFreeBytes,
        int activeRecordings, int sealingBacklog, String problem) {

    /** True when new recordings can be accepted. */
    public boolean healthy() {
        return writable && databaseAvailable && freeBytes >= minFreeBytes;
    }
}
