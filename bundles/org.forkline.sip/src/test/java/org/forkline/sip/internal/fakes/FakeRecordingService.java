package org.forkline.sip.internal.fakes;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.forkline.api.LegMetadata;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.RecordingService;
import org.forkline.api.storage.StorageUnavailableException;

/** Storage stand-in: hands out recording handles and knows which calls still have a live leg. */
public final class FakeRecordingService implements RecordingService {

    public final List<FakeLegHandle> legs = new CopyOnWriteArrayList<>();
    public volatile boolean unavailable;
    /** When set, openLeg waits for it (at most 5 s): lets a test overtake an INVITE with a CANCEL. */
    public volatile CountDownLatch openLegGate;

    @Override
    public LegHandle openLeg(LegMetadata metadata) throws StorageUnavailableException {
        CountDownLatch gate = openLegGate;
        if (gate != null) {
            try {
                if (!gate.await(5, TimeUnit.SECONDS)) {
                    System.err.println("FakeRecordingService: openLeg gate not opened within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (unavailable) {
            throw new StorageUnavailableException("data folder not writable");
        }
        FakeLegHandle handle = new FakeLegHandle(metadata);
        legs.add(handle);
        return handle;
    }

    /** Hands out the same handle again, as long as the leg has not ended. */
    @Override
    public LegHandle resumeLeg(UUID legId) throws StorageUnavailableException {
        FakeLegHandle handle = legs.stream().filter(leg -> leg.legId.equals(legId)).findFirst()
                .orElseThrow(() -> new StorageUnavailableException("leg " + legId + " is unknown"));
        if (!handle.ends.isEmpty()) {
            throw new StorageUnavailableException("leg " + legId + " has ended");
        }
        handle.resumes.incrementAndGet();
        return handle;
    }

    /** A new storage instance (as after a restart of the bundle) that knows the legs of this one. */
    public FakeRecordingService restarted() {
        FakeRecordingService next = new FakeRecordingService();
        next.legs.addAll(legs);
        return next;
    }

    @Override
    public boolean isActive(String pairKey) {
        return legs.stream().anyMatch(leg -> leg.initialMetadata.pairKey().equals(pairKey) && leg.ends.isEmpty());
    }

    public FakeLegHandle last() {
        return legs.get(legs.size() - 1);
    }
}
