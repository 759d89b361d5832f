package org.forkline.testing;

import java.util.List;

import org.forkline.api.MediaStats;
import org.forkline.api.media.MediaStatistics;
import org.forkline.api.node.NodeStatus;
import org.forkline.api.node.NodeStatusService;
import org.forkline.api.storage.StorageHealth;

/** The SIP bundle's node status, fixed numbers: healthy unless told otherwise; drain is remembered. */
public final class FixedNodeStatus implements NodeStatusService {

    public static final StorageHealth STORAGE = new StorageHealth(true, true, 50_000_000_000L, 1L << 30, 3, 1,
            null);
    public static final MediaStatistics MEDIA = new MediaStatistics(6, 12, 2000,
            new MediaStats(1000, 5, 1, 2, 3, 4, 6, 7, 1));

    private volatile boolean drained;
    private volatile List<String> problems = List.of();

    public void problems(String... problems) {
        this.problems = List.of(problems);
    }

    @Override
    public NodeStatus status() {
        List<String> all = drained ? List.of("drained for maintenance") : problems;
        return new NodeStatus("node1", all.isEmpty(), all, drained, 3, 6, 200, STORAGE, MEDIA);
    }

    @Override
    public void setDrained(boolean drained) {
        this.drained = drained;
    }
}
