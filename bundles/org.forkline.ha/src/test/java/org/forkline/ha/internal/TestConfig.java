package org.forkline.ha.internal;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;

/** A {@link ClusterComponent.Config} with the defaults, some keys overridden. */
final class TestConfig implements ClusterComponent.Config {

    private final Map<String, Object> values = new HashMap<>();

    TestConfig with(String key, Object value) {
        values.put(key, value);
        return this;
    }

    private <T> T get(String key, T fallback) {
        @SuppressWarnings("unchecked")
        T value = (T) values.getOrDefault(key, fallback);
        return value;
    }

    @Override
    public String role() {
        return get("role", "primary");
    }

    @Override
    public int priority() {
        return get("priority", 100);
    }

    @Override
    public String bindAddress() {
        return get("bindAddress", "127.0.0.1");
    }

    @Override
    public int bindPort() {
        return get("bindPort", 7800);
    }

    @Override
    public int failureDetectionOffset() {
        return get("failureDetectionOffset", 100);
    }

    @Override
    public String peers() {
        return get("peers", "");
    }

    @Override
    public String secret() {
        return get("secret", "");
    }

    @Override
    public int graceSeconds() {
        return get("graceSeconds", 10);
    }

    @Override
    public String advertisedUrl() {
        return get("advertisedUrl", "");
    }

    @Override
    public String nodeId() {
        return get("nodeId", "node1");
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return ClusterComponent.Config.class;
    }
}
