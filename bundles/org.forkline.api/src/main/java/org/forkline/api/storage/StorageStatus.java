package org.forkline.api.storage;

/** Storage health, checked in the background so that reading it is cheap (OPTIONS and INVITE read it). */
public interface StorageStatus {

    StorageHealth health();
}
