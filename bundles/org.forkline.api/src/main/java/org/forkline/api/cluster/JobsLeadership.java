package org.forkline.api.cluster;

import java.time.Instant;

/**
 * Registered as a service only on the node that is the jobs leader, and only while it is: job components
 * require it, so Declarative Services starts them on the leader and stops them when leadership moves.
 */
public interface JobsLeadership {

    /** This node's id. */
    String nodeId();

    /** When this node became the leader. */
    Instant since();
}
