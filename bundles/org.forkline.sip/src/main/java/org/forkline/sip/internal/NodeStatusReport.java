package org.forkline.sip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.forkline.api.MediaStats;
import org.forkline.api.media.MediaStatistics;
import org.forkline.api.node.NodeStatus;
import org.forkline.api.storage.StorageHealth;
import org.forkline.sip.internal.call.CallServices;

/** Assembles the node status and the operator-readable reasons why this node cannot record. */
final class NodeStatusReport {

    /** An RTP session binds two ports (RTP and RTCP). */
    private static final int PORTS_PER_SESSION = 2;

    private NodeStatusReport() {
    }

    static NodeStatus build(SipSettings settings, CallServices services, boolean drained, int activeCalls,
            int activeLegs, Optional<String> listenProblem) {
        List<String> problems = new ArrayList<>();
        listenProblem.ifPresent(problems::add);
        if (drained) {
            problems.add("drained by forkline:drain");
        }
        StorageHealth storage;
        try {
            storage = services.storage().health();
            if (!storage.healthy()) {
                problems.add(storage.problem() != null ? storage.problem() : describe(storage));
            }
        } catch (RuntimeException e) {
            String problem = "storage status unavailable: " + e.getMessage();
            problems.add(problem);
            storage = new StorageHealth(false, false, 0, 0, 0, 0, problem);
        }
        MediaStatistics media;
        try {
            media = services.media().statistics();
            if (media.portsTotal() > 0 && media.portsTotal() - media.portsInUse() < PORTS_PER_SESSION) {
                problems.add("RTP ports exhausted (" + media.portsInUse() + " of " + media.portsTotal()
                        + " in use)");
            }
        } catch (RuntimeException e) {
            problems.add("media status unavailable: " + e.getMessage());
            media = new MediaStatistics(0, 0, 0, MediaStats.EMPTY);
        }
        return new NodeStatus(settings.nodeId(), problems.isEmpty(), problems, drained, activeCalls, activeLegs,
                settings.channelLimit(), storage, media);
    }

    private static String describe(StorageHealth storage) {
        if (!storage.writable()) {
            return "storage: data folder not writable";
        }
        if (!storage.databaseAvailable()) {
            return "storage: database unavailable";
        }
        return "storage: disk space low (" + storage.freeBytes() / 1_048_576 + " MiB free, "
                + storage.minFreeBytes() / 1_048_576 + " MiB required)";
    }
}
