package org.forkline.api.node;

import java.util.List;

import org.forkline.api.media.MediaStatistics;
import org.forkline.api.storage.StorageHealth;

/**
 * Everything an operator (and CUCM's OPTIONS ping) needs to know about this node.
 *
 * @param nodeId       configured node id
 * @param canRecord    true when new calls are accepted (OPTIONS answers 200)
 * @param problems     blocking errors, operator-readable; empty when {@code canRecord}
 * @param drained      maintenance drain is on
 * @param activeCalls  calls with at least one leg up
 * @param activeLegs   SIP dialogs up
 * @param channelLimit maximum concurrent calls
 * @param storage      storage health
 * @param media        media counters
 */
public record NodeStatus(String nodeId, boolean canRecord, List<String> problems, boolean drained,
        int activeCalls, int activeLegs, int channelLimit, StorageHealth storage, MediaStatistics media) {

    public NodeStatus {
        problems = List.copyOf(problems);
    }
}
