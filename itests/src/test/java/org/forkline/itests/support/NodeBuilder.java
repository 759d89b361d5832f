package org.forkline.itests.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Name, node id, address, RTP range size and per-node configuration of a {@link ForklineNode} to be created. */
public final class NodeBuilder {

    private final String name;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String nodeId;
    private String address = "127.0.0.1";
    private int rtpPorts = 200;
    private int clusterPort;

    NodeBuilder(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("node name: lower-case letters, digits, '-': " + name);
        }
        this.name = name;
        this.nodeId = "it-" + name;
    }

    public NodeBuilder nodeId(String id) {
        this.nodeId = id;
        return this;
    }

    /** SIP, RTP and cluster (JGroups) bind address (default 127.0.0.1); HTTP and SSH stay on every address. */
    public NodeBuilder address(String bindAddress) {
        this.address = bindAddress;
        return this;
    }

    /** Size of the node's RTP port range (default 200). */
    public NodeBuilder rtpPorts(int count) {
        this.rtpPorts = count;
        return this;
    }

    /** JGroups port of the node (default: a free port chosen at build time); {@link ForklineCluster} sets it. */
    public NodeBuilder clusterPort(int port) {
        this.clusterPort = port;
        return this;
    }

    /** Any environment variable, e.g. {@code ORG_FORKLINE_SIP_CHANNELLIMIT}. */
    public NodeBuilder env(String variable, Object value) {
        environment.put(variable, String.valueOf(value));
        return this;
    }

    /**
     * A configuration value as Karaf's environment override: {@code config("org.forkline.sip", "channelLimit", 1)}
     * becomes {@code ORG_FORKLINE_SIP_CHANNELLIMIT=1}. Karaf applies it over etc/ for keys present in the file.
     */
    public NodeBuilder config(String pid, String key, Object value) {
        return env((pid + "." + key).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value);
    }

    public ForklineNode build() {
        return new ForklineNode(this);
    }

    String name() {
        return name;
    }

    String nodeId() {
        return nodeId;
    }

    String address() {
        return address;
    }

    int rtpPorts() {
        return rtpPorts;
    }

    int clusterPort() {
        return clusterPort;
    }

    Map<String, String> environment() {
        return environment;
    }
}
