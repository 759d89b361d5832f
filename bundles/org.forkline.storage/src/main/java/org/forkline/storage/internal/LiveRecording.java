package org.forkline.storage.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;

/** A recording in memory from its first leg until it is queued for sealing; guarded by the registry's lock. */
final class LiveRecording {

    private final UUID id;
    private final String pairKey;
    private final Instant startedAt;
    private final Map<LegDirection, LiveLeg> legs = new EnumMap<>(LegDirection.class);
    private boolean queued;
    private boolean counted;

    LiveRecording(UUID id, String pairKey, Instant startedAt) {
        this.id = id;
        this.pairKey = pairKey;
        this.startedAt = startedAt;
    }

    UUID id() {
        return id;
    }

    String pairKey() {
        return pairKey;
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean hasSide(LegDirection side) {
        return legs.containsKey(side);
    }

    boolean bothSides() {
        return legs.size() == LegDirection.values().length;
    }

    void add(LiveLeg leg) {
        legs.put(leg.direction(), leg);
    }

    boolean anyLegLive() {
        return legs.values().stream().anyMatch(LiveLeg::live);
    }

    List<LiveLeg> legs() {
        return new ArrayList<>(legs.values());
    }

    boolean queued() {
        return queued;
    }

    void markQueued() {
        queued = true;
    }

    /** Whether the registry counts this recording among the active ones (it has had a live leg since). */
    boolean counted() {
        return counted;
    }

    void setCounted(boolean counted) {
        this.counted = counted;
    }
}
