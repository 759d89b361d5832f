package org.forkline.api.cluster;

/**
 * Whiteboard service that receives {@link ClusterService#broadcast} messages of one topic, named by the service
 * property {@value #TOPIC_PROPERTY}. Called on a cluster thread: hand long work off.
 */
public interface ClusterMessageListener {

    String TOPIC_PROPERTY = "forkline.cluster.topic";

    void onMessage(String fromNodeId, byte[] payload);
}
