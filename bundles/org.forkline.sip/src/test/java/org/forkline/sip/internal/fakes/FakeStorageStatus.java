package org.forkline.sip.internal.fakes;

import org.forkline.api.storage.StorageHealth;
import org.forkline.api.storage.StorageStatus;

/** Storage health that a test can switch. */
public final class FakeStorageStatus implements StorageStatus {

    public static final StorageHealth HEALTHY = new StorageHealth(true, true, 50_000_000_000L, 1_000_000_000L, 0, 0,
            null);

    public volatile StorageHealth health = HEALTHY;

    @Override
    public StorageHealth health() {
        return health;
    }
}
