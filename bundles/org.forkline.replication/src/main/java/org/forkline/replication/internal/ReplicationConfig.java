package org.forkline.replication.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Keys of etc/org.forkline.replication.cfg, plus the cluster secret of etc/org.forkline.cluster.cfg (merged by DS;
 * that PID belongs to the ha bundle, so the metatype here names the replication PID only).
 */
@ObjectClassDefinition(name = "Forkline replication", pid = "org.forkline.replication",
        description = "Pulls every peer's change log and the recordings' files over authenticated HTTP")
public @interface ReplicationConfig {

    @AttributeDefinition(name = "Pull interval (s)",
            description = "How often every live peer is asked for changes even without a push hint")
    int pullIntervalSeconds() default 5;

    @AttributeDefinition(name = "Batch size", description = "Changes asked for in one request")
    int batchSize() default 500;

    @AttributeDefinition(name = "Bandwidth limit (KiB/s)",
            description = "Cap on the media this node downloads from its peers, all peers together; 0 = unlimited")
    long bandwidthLimitKiBps() default 0;

    @AttributeDefinition(name = "Maximum clock skew (s)",
            description = "A node-to-node request whose signed time is further from this node's clock is refused")
    int maxClockSkewSeconds() default 60;

    @AttributeDefinition(name = "Request timeout (s)", description = "Connect timeout of node-to-node requests, and the "
            + "time a peer has to answer: the whole list of changes, or the first bytes of a recording's file")
    int requestTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Longest retry delay (s)",
            description = "A failing peer is retried with a doubling delay up to this many seconds")
    int maxRetrySeconds() default 60;

    @AttributeDefinition(name = "Cluster secret",
            description = "Shared secret of the cluster (org.forkline.cluster): signs node-to-node requests",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String secret() default "";
}
