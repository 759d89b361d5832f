package org.forkline.sip.internal.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.forkline.api.media.MediaSession;

/**
 * The dialogs of this node, keyed by Call-ID and the far side's tag: legs still being admitted and legs that
 * count (admitted). Active calls are the distinct pair keys of counted legs, so the partner leg of an admitted
 * call never counts twice. Admission against the channel limit is atomic.
 */
public final class LegRegistry {

    /** Outcome of {@link #admit}. */
    public enum Admission {
        ADMITTED,
        CHANNEL_LIMIT
    }

    private final Map<String, Leg> tracked = new HashMap<>();
    /** Admitted legs: leg key to the pair key it was counted under (metadata may change later, the count not). */
    private final Map<String, String> counted = new HashMap<>();
    private final Map<String, Integer> legsPerCall = new HashMap<>();

    public static String key(String callId, String remoteTag) {
        return callId + "|" + (remoteTag == null ? "" : remoteTag);
    }

    /**
     * Starts tracking an INVITE (so that a CANCEL finds it).
     *
     * @return false when a leg with the same Call-ID and tag exists already
     */
    public synchronized boolean track(Leg leg) {
        return tracked.putIfAbsent(leg.key(), leg) == null;
    }

    /**
     * Counts a tracked leg if its call is known (one of our legs, or storage still has the recording active) or a
     * channel is free.
     */
    public synchronized Admission admit(Leg leg, String pairKey, int channelLimit, boolean activeInStorage) {
        boolean knownCall = legsPerCall.containsKey(pairKey) || activeInStorage;
        if (!knownCall && legsPerCall.size() >= channelLimit) {
            return Admission.CHANNEL_LIMIT;
        }
        if (tracked.get(leg.key()) == leg && counted.putIfAbsent(leg.key(), pairKey) == null) {
            legsPerCall.merge(pairKey, 1, Integer::sum);
        }
        return Admission.ADMITTED;
    }

    public synchronized Leg find(String key) {
        return tracked.get(key);
    }

    /** The leg whose media session this is, or null. */
    public synchronized Leg findByMedia(MediaSession media) {
        for (Leg leg : tracked.values()) {
            if (leg.media() == media) {
                return leg;
            }
        }
        return null;
    }

    /** Forgets the leg; idempotent. */
    public synchronized void remove(Leg leg) {
        if (!tracked.remove(leg.key(), leg)) {
            return;
        }
        String pairKey = counted.remove(leg.key());
        if (pairKey != null) {
            legsPerCall.computeIfPresent(pairKey, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** Dialogs up (admitted legs). */
    public synchronized int activeLegs() {
        return counted.size();
    }

    /** Calls with at least one admitted leg. */
    public synchronized int activeCalls() {
        return legsPerCall.size();
    }

    /** Every tracked leg, admitted or not. */
    public synchronized List<Leg> snapshot() {
        return new ArrayList<>(tracked.values());
    }

    public synchronized boolean isEmpty() {
        return tracked.isEmpty();
    }
}
