package org.forkline.storage.internal;

import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.Recording;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.LegHandle;
import org.osgi.service.event.EventAdmin;

/** A real storage component of one node on a data folder under target/ (in the storage's package to start it). */
public final class TestStorage implements AutoCloseable {

    private static final long ANCHOR = Instant.parse("2025-09-10T11:12:13Z").toEpochMilli() * 1000;

    public final StorageComponent storage;

    private TestStorage(StorageComponent storage) {
        this.storage = storage;
    }

    public static TestStorage start(Path dataDir, String nodeId, EventAdmin events) throws Exception {
        Map<String, Object> values = Map.of("dataDir", dataDir.toString(), "minFreeDiskMb", 0L,
                "pairingWaitSeconds", 1, "nodeId", nodeId);
        StorageComponent.Config config = (StorageComponent.Config) Proxy.newProxyInstance(
                StorageComponent.Config.class.getClassLoader(), new Class<?>[] {StorageComponent.Config.class},
                (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> StorageComponent.Config.class;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "Config" + values;
                    };
                });
        StorageComponent storage = new StorageComponent(config, name -> null);
        storage.eventAdmin = events;
        return new TestStorage(storage);
    }

    /** Records a two-leg call of {@code seconds} seconds and waits until it is sealed. */
    public Recording record(String refci, int seconds) throws Exception {
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, refci));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, refci));
        near.sink().begin(8000, "PCMU", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR);
        short[] tone = new short[160];
        for (int frame = 0; frame < seconds * 50; frame++) {
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (short) (8000 * Math.sin(2 * Math.PI * (440 + refci.hashCode() % 200) * (frame * 160 + i)
                        / 8000.0));
            }
            near.sink().append(frame * 160L, tone, 0, 160);
            far.sink().append(frame * 160L, tone, 0, 160);
        }
        for (LegHandle leg : new LegHandle[] {near, far}) {
            leg.sink().close();
            leg.end("BYE", new MediaStats(50L * seconds, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> storage.find(near.recordingId()).map(Recording::state).orElse(null)
                        == RecordingState.SEALED);
        return storage.find(near.recordingId()).orElseThrow();
    }

    public Recording find(UUID id) {
        return storage.find(id).orElse(null);
    }

    private static LegMetadata leg(LegDirection direction, String refci) {
        return new LegMetadata(direction, "Cluster1", refci, new Party("1001", "SEP0011", "Near"),
                new Party("2002", "trunk1", null), null, null, null, null, direction + "-" + refci + "@cucm",
                Map.of("x-refci", refci));
    }

    @Override
    public void close() {
        storage.deactivate();
    }
}
