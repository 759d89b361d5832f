package org.forkline.storage.internal;

import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.forkline.api.RecordingEvents;
import org.forkline.api.replication.Change;
import org.forkline.api.replication.ReplicaStore;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts recording life-cycle events when an EventAdmin is present; without one, nothing is posted. */
final class EventPoster implements BiConsumer<String, UUID> {

    private static final Logger LOG = LoggerFactory.getLogger(EventPoster.class);

    private final Supplier<EventAdmin> eventAdmin;
    private final String nodeId;

    EventPoster(Supplier<EventAdmin> eventAdmin, String nodeId) {
        this.eventAdmin = eventAdmin;
        this.nodeId = nodeId;
    }

    /** Tells replication that a local change was committed, so that it hints the peers at once. */
    void localChange(Change change) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        try {
            admin.postEvent(new Event(ReplicaStore.TOPIC_LOCAL_CHANGE, Map.of("origin", change.origin(), "sequence",
                    change.sequence(), "kind", change.kind().name())));
        } catch (RuntimeException e) {
            // The periodic pull of the peers still finds the change.
            LOG.warn("Event for change {}:{} could not be posted: {}", change.origin(), change.sequence(),
                    e.toString());
        }
    }

    @Override
    public void accept(String topic, UUID recordingId) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        try {
            admin.postEvent(new Event(topic, Map.of(RecordingEvents.PROPERTY_RECORDING_ID, recordingId.toString(),
                    RecordingEvents.PROPERTY_NODE_ID, nodeId)));
        } catch (RuntimeException e) {
            // EventAdmin may be going away while we post; the recording itself is unaffected.
            LOG.warn("Event {} for recording {} could not be posted: {}", topic, recordingId, e.toString());
        }
    }
}
