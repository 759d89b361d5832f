package org.forkline.storage.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.forkline.api.RecordingState;
import org.forkline.api.handover.Handover;
import org.forkline.storage.internal.db.LegRow;
import org.forkline.storage.internal.db.RecordingRow;
import org.forkline.storage.internal.journal.LateAudio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage's side of a live handover: parks the ids of the live legs at deactivation, and at the next activation
 * rebuilds their recordings in the registry from the database rows, so the legs can be resumed.
 */
final class LegTakeover {

    private static final Logger LOG = LoggerFactory.getLogger(LegTakeover.class);

    private final RecordingRegistry registry;
    private final LiveLeg.Context context;

    LegTakeover(RecordingRegistry registry, LiveLeg.Context context) {
        this.registry = registry;
        this.context = context;
    }

    /** Parks the legs that were live; false when the handover service refused (it is stopping). */
    boolean handOver(Handover desk, List<LiveLeg> live) {
        HandoverParcel parcel = HandoverParcel.of(live);
        try {
            desk.park(HandoverParcel.KEY, parcel.state(), parcel.expiry());
        } catch (RuntimeException e) {
            parcel.discardLateAudioBut(Set.of());
            LOG.warn("Storage of node {} could not hand over its {} live leg(s) ({}): the next start seals their "
                    + "recordings as after a crash", context.nodeId(), parcel.legs().size(), e.toString());
            return false;
        }
        LOG.info("Storage of node {} stopped and handed over {} live leg(s) of {} recording(s) to its next activation "
                + "(journals closed; audio reaching the old sinks is kept for it, up to {} s per leg)", context.nodeId(),
                parcel.legs().size(), parcel.recordings().size(), LateAudio.LIMIT_SECONDS);
        return true;
    }

    /**
     * Claims what the previous activation parked and takes its recordings over; the legs not resumed within the
     * handover window are sealed then, on {@code timer}.
     *
     * @return the recordings taken over: startup recovery leaves them alone
     */
    Set<UUID> takeOver(Handover desk, ScheduledExecutorService timer) {
        if (desk == null) {
            return Set.of();
        }
        Optional<Map<String, Object>> state = desk.claim(HandoverParcel.KEY);
        if (state.isEmpty()) {
            return Set.of();
        }
        HandoverParcel parcel = HandoverParcel.from(state.get());
        Set<UUID> takenOver = new HashSet<>();
        Set<UUID> parkedLegs = new HashSet<>();
        for (UUID id : parcel.recordings()) {
            if (adopt(id, parcel, parkedLegs)) {
                takenOver.add(id);
            }
        }
        parcel.discardLateAudioBut(parkedLegs);
        int window = desk.windowSeconds();
        timer.schedule(registry::expireParked, window, TimeUnit.SECONDS);
        LOG.info("Handover: storage took over {} of {} recording(s) with {} live leg(s) from its previous activation; "
                + "legs not resumed within {} s are sealed as after a crash", takenOver.size(),
                parcel.recordings().size(), parcel.legs().size(), window);
        return takenOver;
    }

    /** @param parkedLegs collects the legs taken over as parked */
    private boolean adopt(UUID id, HandoverParcel parcel, Set<UUID> parkedLegs) {
        try {
            Optional<RecordingRow> row = context.dao().recording(id);
            if (row.isEmpty() || row.get().state() != RecordingState.ACTIVE) {
                LOG.warn("Handed-over recording {} is {}: it is not taken over and recovery seals it", id,
                        row.map(r -> r.state().toString()).orElse("missing from the database"));
                return false;
            }
            LiveRecording recording = new LiveRecording(id, row.get().pairKey(), row.get().startedAt());
            List<UUID> parked = new ArrayList<>();
            for (LegRow leg : context.dao().legs(id)) {
                boolean live = parcel.legs().contains(leg.id()) && leg.endedAt() == null;
                if (live) {
                    parked.add(leg.id());
                }
                recording.add(new LiveLeg(context, registry, recording, leg.id(), leg.startedAt(), leg.direction(),
                        !live, live ? parcel.late().getOrDefault(leg.id(), List.of()) : List.of()));
            }
            if (!recording.anyLegLive()) {
                LOG.warn("Handed-over recording {} has no live leg left: recovery seals it", id);
                return false;
            }
            registry.adopt(recording);
            parkedLegs.addAll(parked);
            return true;
        } catch (SQLException e) {
            LOG.error("Handed-over recording {} cannot be read from the database ({}): recovery seals it", id,
                    e.getMessage());
            return false;
        }
    }
}
