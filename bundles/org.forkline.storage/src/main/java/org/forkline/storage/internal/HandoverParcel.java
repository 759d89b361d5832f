package org.forkline.storage.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.forkline.storage.internal.journal.LateAudio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What storage hands over to its next activation: the ids of the live legs and of their recordings, as lists of
 * strings, and per leg the audio its detached sinks keep receiving, as the JDK objects behind {@link LateAudio} (the
 * next activation has another class loader). Their journals are closed.
 *
 * @param legs       legs that were live
 * @param recordings their recordings
 * @param late       per leg, the audio its detached sinks received and may still receive, oldest first
 */
record HandoverParcel(Set<UUID> legs, Set<UUID> recordings, Map<UUID, List<LateAudio>> late) {

    /** Key of storage's parcel in the handover service. */
    static final String KEY = "org.forkline.storage";
    private static final Logger LOG = LoggerFactory.getLogger(HandoverParcel.class);

    static HandoverParcel of(List<LiveLeg> liveLegs) {
        Set<UUID> legs = new LinkedHashSet<>();
        Set<UUID> recordings = new LinkedHashSet<>();
        Map<UUID, List<LateAudio>> late = new LinkedHashMap<>();
        for (LiveLeg leg : liveLegs) {
            legs.add(leg.legId());
            recordings.add(leg.recordingId());
            if (!leg.lateAudio().isEmpty()) {
                late.put(leg.legId(), leg.lateAudio());
            }
        }
        return new HandoverParcel(legs, recordings, late);
    }

    /** Reads a parcel; one of another shape (another version of storage parked it) reads as empty. */
    static HandoverParcel from(Map<String, Object> state) {
        HandoverParcel ids;
        try {
            ids = new HandoverParcel(ids(state.get("legs")), ids(state.get("recordings")), Map.of());
        } catch (RuntimeException e) {
            LOG.error("Handover: storage's parcel cannot be read ({}): its recordings are recovered as after a crash",
                    e.toString());
            return new HandoverParcel(Set.of(), Set.of(), Map.of());
        }
        try {
            return new HandoverParcel(ids.legs(), ids.recordings(), late(state.get("late")));
        } catch (RuntimeException e) {
            LOG.error("Handover: the audio storage's previous activation received during the handover cannot be read "
                    + "({}): the legs go on without it", e.toString());
            return ids;
        }
    }

    Map<String, Object> state() {
        Map<String, List<Object>> shared = new LinkedHashMap<>();
        late.forEach((leg, audio) -> shared.put(leg.toString(), audio.stream().map(LateAudio::shared).toList()));
        return Map.of("legs", strings(legs), "recordings", strings(recordings), "late", shared);
    }

    /** Drops the late audio of every leg but {@code kept}: those legs are not taken over. */
    void discardLateAudioBut(Set<UUID> kept) {
        late.forEach((leg, audio) -> {
            if (!kept.contains(leg)) {
                audio.forEach(LateAudio::discard);
            }
        });
    }

    /**
     * Runs when nobody claims the parcel: drops the late audio (the old sinks then drop what they receive); the
     * journals are closed and the next start of storage seals the recordings as after a crash. Captures only the
     * parcel's objects.
     */
    Runnable expiry() {
        int legCount = legs.size();
        List<String> ids = strings(recordings);
        List<LateAudio> audio = late.values().stream().flatMap(List::stream).toList();
        return () -> {
            audio.forEach(LateAudio::discard);
            LOG.warn("Handover: storage did not come back in time for {} live leg(s); recordings {} are sealed from "
                    + "their journals at its next start", legCount, ids);
        };
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

    private static Map<UUID, List<LateAudio>> late(Object value) {
        Map<UUID, List<LateAudio>> late = new LinkedHashMap<>();
        if (value == null) {
            return late;
        }
        for (Map.Entry<?, ?> leg : ((Map<?, ?>) value).entrySet()) {
            late.put(UUID.fromString((String) leg.getKey()),
                    ((List<?>) leg.getValue()).stream().map(LateAudio::of).toList());
        }
        return late;
    }
}
