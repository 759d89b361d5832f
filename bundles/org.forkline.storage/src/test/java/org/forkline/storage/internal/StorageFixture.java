package org.forkline.storage.internal;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.Recording;
import org.forkline.api.RecordingState;
import org.forkline.api.handover.Handover;
import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.PcmSink;
import org.forkline.storage.internal.testing.TestFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Starts real storage components on a data folder under target/ and drives legs through them. */
abstract class StorageFixture {

    /** Stands in for the EventAdmin of the framework (another bundle's service): records what was posted. */
    static final class RecordedEvents implements EventAdmin {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }

        List<String> topicsFor(UUID recordingId) {
            return events.stream().filter(e -> recordingId.toString().equals(e.getProperty("recording.id")))
                    .map(Event::getTopic).toList();
        }
    }

    protected Path dataDir;
    protected final RecordedEvents events = new RecordedEvents();
    private final List<StorageComponent> running = new ArrayList<>();

    @BeforeEach
    void createDataDir() throws IOException {
        dataDir = TestFolders.fresh(getClass());
    }

    @AfterEach
    void stopComponents() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).deactivate();
        }
        running.clear();
    }

    /** Configuration values for the tests: no free-space limit, a short pairing wait, plus {@code overrides}. */
    static StorageComponent.Config config(Path dataDir, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("dataDir", dataDir.toString(), "minFreeDiskMb", 0L,
                "pairingWaitSeconds", 1));
        values.putAll(overrides);
        return (StorageComponent.Config) Proxy.newProxyInstance(StorageComponent.Config.class.getClassLoader(),
                new Class<?>[] {StorageComponent.Config.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (values.containsKey(name)) {
                        return values.get(name);
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (name) {
                        case "annotationType" -> StorageComponent.Config.class;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "Config" + values;
                        default -> throw new UnsupportedOperationException(name);
                    };
                });
    }

    protected StorageComponent start(Map<String, Object> overrides) throws Exception {
        return start(overrides, null);
    }

    /** Starts a component as DS does: constructed, references bound ({@code handover} may be null), activated. */
    protected StorageComponent start(Map<String, Object> overrides, Handover handover) throws Exception {
        return start(overrides, handover, () -> false);
    }

    /** @param frameworkStopping what the component sees at deactivation: true when the whole framework stops */
    protected StorageComponent start(Map<String, Object> overrides, Handover handover,
            BooleanSupplier frameworkStopping) throws Exception {
        StorageComponent component = new StorageComponent(config(dataDir, overrides), name -> null,
                frameworkStopping);
        component.eventAdmin = events;
        component.handover = handover;
        component.activate();
        running.add(component);
        return component;
    }

    protected StorageComponent start() throws Exception {
        return start(Map.of());
    }

    /** Stops a component now (it will not be stopped again after the test). */
    protected void stop(StorageComponent component) {
        running.remove(component);
        component.deactivate();
    }

    static LegMetadata leg(LegDirection direction, String refci, String nearNumber, String farNumber) {
        return new LegMetadata(direction, "Cluster1", refci, new Party(nearNumber, "SEP0011", "Near " + nearNumber),
                new Party(farNumber, "trunk1", null), null, null, null, null,
                direction + "-" + refci + "@cucm", Map.of("x-refci", refci));
    }

    /** Writes a tone through the leg's sink in 20 ms appends, flushing every 500 ms as the media layer does. */
    static void writeTone(PcmSink sink, long startPosition, double frequency, int sampleRate, int samples)
            throws IOException {
        short[] tone = org.forkline.storage.internal.testing.Signals.tone(frequency, sampleRate,
                (int) startPosition + samples, -12);
        int frame = sampleRate / 50;
        int appended = 0;
        for (int at = 0; at < samples; at += frame) {
            int n = Math.min(frame, samples - at);
            sink.append(startPosition + at, tone, (int) startPosition + at, n);
            if (++appended % 25 == 0) {
                sink.flush();
            }
        }
        sink.flush();
    }

    static void end(LegHandle leg) throws IOException {
        leg.sink().close();
        leg.end("BYE", new MediaStats(100, 1, 0, 0, 0, 0, 0, 0, 0));
    }

    static Recording awaitState(StorageComponent storage, UUID id, RecordingState state) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> storage.find(id).map(Recording::state).orElse(null) == state);
        return storage.find(id).orElseThrow();
    }

    /** The whole WAV output of a sealed recording as interleaved stereo samples (header dropped). */
    static short[] wavSamples(StorageComponent storage, UUID id) throws IOException {
        AudioContent wav = storage.audio(id, AudioFormat.WAV).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wav.writeTo(0, wav.length(), out);
        byte[] bytes = out.toByteArray();
        short[] samples = new short[(bytes.length - 44) / 2];
        ByteBuffer.wrap(bytes, 44, bytes.length - 44).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }
}
