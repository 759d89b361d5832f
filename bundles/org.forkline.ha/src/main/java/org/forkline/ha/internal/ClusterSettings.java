package org.forkline.ha.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.forkline.api.cluster.NodeRole;

/**
 * Validated values of {@code etc/org.forkline.cluster.cfg} plus the node id and the HTTP port this node serves on.
 *
 * @param peers               every node of the cluster including this one; empty: a cluster of one
 * @param secret              shared secret, empty when not set
 * @param endpoint            base URL peers use for node-to-node HTTP
 * @param failureDetectionPort port of JGroups' FD_SOCK2 server socket: bindPort plus the cluster-wide offset
 */
public record ClusterSettings(String nodeId, NodeRole role, int priority, InetAddress bindAddress, int bindPort,
        List<InetSocketAddress> peers, String secret, Duration grace, URI endpoint, int failureDetectionPort) {

    static final String FILE = "etc/org.forkline.cluster.cfg";
    static final String NODE_FILE = "etc/org.forkline.node.cfg";

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ClusterSettings {
        peers = List.copyOf(peers);
    }

    /** Reads and checks the configuration; the exception names the first bad key. */
    static ClusterSettings from(ClusterComponent.Config config, String httpPort) throws InvalidSettingException {
        String nodeId = trim(config.nodeId());
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new InvalidSettingException(NODE_FILE, "nodeId", config.nodeId(),
                    "use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        NodeRole role = switch (trim(config.role()).toLowerCase(Locale.ROOT)) {
            case "primary" -> NodeRole.PRIMARY;
            case "backup" -> NodeRole.BACKUP;
            default -> throw new InvalidSettingException(FILE, "role", config.role(), "use primary or backup");
        };
        int priority = inRange("priority", config.priority(), 0, 1_000_000, "use 0 to 1000000 (lower leads first)");
        InetAddress bindAddress = address(config.bindAddress());
        int bindPort = inRange("bindPort", config.bindPort(), 1, 65535, "use a port from 1 to 65535");
        List<InetSocketAddress> peers = peers(config.peers());
        if (!peers.isEmpty() && peers.stream().noneMatch(p -> isSelf(p, bindAddress, bindPort))) {
            List<InetSocketAddress> withSelf = new ArrayList<>(peers);
            withSelf.add(new InetSocketAddress(bindAddress, bindPort));
            peers = withSelf;
        }
        int grace = inRange("graceSeconds", config.graceSeconds(), 0, 86_400, "use 0 to 86400 seconds");
        // JGroups' FD_SOCK2 connects to a peer's bindPort plus its OWN offset: one offset for the whole cluster
        int offset = inRange("failureDetectionOffset", config.failureDetectionOffset(), 1, 1000,
                "use 1 to 1000, the same on every node");
        int fdPort = bindPort + offset;
        if (fdPort > 65535) {
            throw new InvalidSettingException(FILE, "failureDetectionOffset", offset,
                    "bindPort + failureDetectionOffset must be a port (at most 65535), it is " + fdPort);
        }
        URI endpoint = endpoint(config.advertisedUrl(), bindAddress, httpPort(httpPort));
        return new ClusterSettings(nodeId, role, priority, bindAddress, bindPort, peers, trim(config.secret()),
                Duration.ofSeconds(grace), endpoint, fdPort);
    }

    /** True when peers are configured: the node joins a JGroups cluster. */
    boolean clustered() {
        return !peers.isEmpty();
    }

    /** Why the channel must not start, if it must not. */
    Optional<String> startProblem() {
        if (clustered() && secret.isEmpty()) {
            return Optional.of("peers is set but secret is empty in " + FILE + ": the cluster channel is not "
                    + "started (this node runs alone); set the same secret (FORKLINE_CLUSTER_SECRET) on every node");
        }
        return Optional.empty();
    }

    private static boolean isSelf(InetSocketAddress peer, InetAddress bindAddress, int bindPort) {
        return peer.getPort() == bindPort && bindAddress.equals(peer.getAddress());
    }

    private static InetAddress address(String text) throws InvalidSettingException {
        String value = trim(text);
        if (value.isEmpty()) {
            throw new InvalidSettingException(FILE, "bindAddress", text, "set an IP address of this host");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new InvalidSettingException(FILE, "bindAddress", text, "not an address of this host");
        }
    }

    private static List<InetSocketAddress> peers(String text) throws InvalidSettingException {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String entry : trim(text).split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            InetSocketAddress peer = peer(text, entry);
            if (!peers.contains(peer)) {
                peers.add(peer);
            }
        }
        return peers;
    }

    private static InetSocketAddress peer(String text, String entry) throws InvalidSettingException {
        String rule = "'" + entry + "' is not host:port; list every node as host:port separated by commas, "
                + "e.g. 10.0.0.1:7800,10.0.0.2:7800";
        URI uri;
        try {
            uri = new URI("tcp://" + entry);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(FILE, "peers", text, rule);
        }
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535 || uri.getPath() != null
                && !uri.getPath().isEmpty()) {
            throw new InvalidSettingException(FILE, "peers", text, rule);
        }
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        if (address.isUnresolved()) {
            throw new InvalidSettingException(FILE, "peers", text, "cannot resolve host '" + uri.getHost() + "'");
        }
        return address;
    }

    private static int httpPort(String text) {
        try {
            int port = Integer.parseInt(trim(text));
            return port > 0 && port <= 65535 ? port : 8181;
        } catch (NumberFormatException e) {
            return 8181;
        }
    }

    private static URI endpoint(String advertised, InetAddress bindAddress, int httpPort)
            throws InvalidSettingException {
        String value = trim(advertised);
        if (value.isEmpty()) {
            String host = bindAddress.isAnyLocalAddress() ? localHost() : bindAddress.getHostAddress();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            return URI.create("http://" + host + ":" + httpPort);
        }
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not http(s)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(FILE, "advertisedUrl", advertised,
                    "use empty or a base URL like http://10.0.0.2:8181");
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static int inRange(String key, int value, int min, int max, String rule)
            throws InvalidSettingException {
        if (value < min || value > max) {
            throw new InvalidSettingException(FILE, key, value, rule);
        }
        return value;
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }

    @Override
    public String toString() {
        // never print the secret
        return "ClusterSettings[nodeId=" + nodeId + ", role=" + role + ", priority=" + priority + ", bind="
                + bindAddress.getHostAddress() + ":" + bindPort + ", peers=" + peers + ", grace=" + grace
                + ", endpoint=" + endpoint + "]";
    }
}
