package org.forkline.storage.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What storage hands over to its next activation: the ids of the live legs and of their recordings, as lists of
 * strings (the next activation has another class loader). Their journals are closed; nothing else is held.
 *
 * @param legs       legs that were live
 * @param recordings their recordings
 */
record HandoverParcel(Set<UUID> legs, Set<UUID> recordings) {

    /** Key of storage's parcel in the handover service. */
    static final String KEY = "org.forkline.storage";
    private static final Logger LOG = LoggerFactory.getLogger(HandoverParcel.class);

    static HandoverParcel of(List<LiveLeg> liveLegs) {
        Set<UUID> legs = new LinkedHashSet<>();
        Set<UUID> recordings = new LinkedHashSet<>();
        for (LiveLeg leg : liveLegs) {
            legs.add(leg.legId());
            recordings.add(leg.recordingId());
        }
        return new HandoverParcel(legs, recordings);
    }

    /** Reads a parcel; one of another shape (another version of storage parked it) reads as empty. */
    static HandoverParcel from(Map<String, Object> state) {
        try {
            return new HandoverParcel(ids(state.get("legs")), ids(state.get("recordings")));
        } catch (RuntimeException e) {
            LOG.error("Handover: storage's parcel cannot be read ({}): its recordings are recovered as after a crash",
                    e.toString());
            return new HandoverParcel(Set.of(), Set.of());
        }
    }

    Map<String, Object> state() {
        return Map.of("legs", strings(legs), "recordings", strings(recordings));
    }

    /**
     * Runs when nobody claims the parcel: nothing to release, the journals are closed and the next start of storage
     * seals the recordings as after a crash. Captures only JDK objects.
     */
    Runnable expiry() {
        int legCount = legs.size();
        List<String> ids = strings(recordings);
        return () -> LOG.warn("Handover: storage did not come back in time for {} live leg(s); recordings {} are "
                + "sealed from their journals at its next start", legCount, ids);
    }

    private static List<String> strings(Set<UUID> ids) {
        List<String> strings = new ArrayList<>();
        ids.forEach(id -> strings.add(id.toString()));
        return List.copyOf(strings);
    }

    private static Set<UUID> ids(Object value) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Object id : (List<?>) value) {
            ids.add(UUID.fromString((String) id));
        }
        return ids;
    }
}
