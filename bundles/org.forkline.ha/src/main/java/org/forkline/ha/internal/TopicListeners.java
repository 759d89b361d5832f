package org.forkline.ha.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.forkline.api.cluster.ClusterMessageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ClusterMessageListener} whiteboard: who listens to which topics, and delivery to them. */
final class TopicListeners {

    private static final Logger LOG = LoggerFactory.getLogger(TopicListeners.class);

    private final Map<ClusterMessageListener, Set<String>> listeners = new ConcurrentHashMap<>();

    /** @param properties the listener's service properties, with {@value ClusterMessageListener#TOPIC_PROPERTY} */
    void add(ClusterMessageListener listener, Map<String, Object> properties) {
        listeners.put(listener, topics(properties.get(ClusterMessageListener.TOPIC_PROPERTY)));
    }

    void remove(ClusterMessageListener listener) {
        listeners.remove(listener);
    }

    /** Calls every listener of the message's topic on this thread; one failing listener does not stop the rest. */
    void deliver(Wire.TopicMessage message) {
        listeners.forEach((listener, topics) -> {
            if (topics.contains(message.topic())) {
                try {
                    listener.onMessage(message.fromNodeId(), message.payload());
                } catch (RuntimeException e) {
                    LOG.warn("Cluster listener {} failed on topic {}", listener, message.topic(), e);
                }
            }
        });
    }

    private static Set<String> topics(Object property) {
        if (property instanceof String topic) {
            return Set.of(topic);
        }
        if (property instanceof String[] topics) {
            return Set.copyOf(Arrays.asList(topics));
        }
        if (property instanceof Collection<?> topics) {
            return topics.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        LOG.warn("A cluster message listener without a {} property gets no messages",
                ClusterMessageListener.TOPIC_PROPERTY);
        return Set.of();
    }
}
