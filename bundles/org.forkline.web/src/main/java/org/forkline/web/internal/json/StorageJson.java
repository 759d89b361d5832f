package org.forkline.web.internal.json;

/** Storage health as JSON. */
public record StorageJson(
        long freeBytes,
        long minFreeBytes,
        boolean writable,
        boolean databaseAvailable,
        int activeRecordings,
        int sealingBacklog) {
}
