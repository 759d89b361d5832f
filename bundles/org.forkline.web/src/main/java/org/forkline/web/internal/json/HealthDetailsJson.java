package org.forkline.web.internal.json;

import java.util.List;

/** The node's health with the details a logged-in viewer may see. */
public record HealthDetailsJson(
        String nodeId,
        String status,
        boolean canRecord,
        boolean drained,
        List<String> problems,
        int activeCalls,
        int activeLegs,
        int channelLimit,
        StorageJson storage,
        MediaJson media) {
}
