package org.forkline.itests.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One Forkline node run as its own process ({@code bin/karaf daemon}, which execs java, so the process is the JVM)
 * from the shared {@link ForklineDistribution}, with its own data folder {@code <work>/nodes/<name>} and ports chosen
 * at run time. Ports and data folder stay the same across {@link #restart()} and {@link #kill9()}+{@link #start()}.
 */
public final class ForklineNode implements AutoCloseable {

    /** JGroups' failure detection listens on the cluster port plus this (failureDetectionOffset, the default). */
    public static final int FAILURE_DETECTION_OFFSET = 100;

    public static final String USER = "karaf";
    public static final String PASSWORD = "karaf";
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final String nodeId;
    private final String address;
    private final Path dataDir;
    private final int sipPort;
    private final int httpPort;
    private final int sshPort;
    private final int rtpPortMin;
    private final int rtpPortMax;
    private final int clusterPort;
    private final Map<String, String> extraEnvironment;
    private final Rest rest;
    private final KarafShell shell;
    private Process process;
    private Thread killOnExit;

    ForklineNode(NodeBuilder builder) {
        ForklineDistribution.get();
        this.name = builder.name();
        this.nodeId = builder.nodeId();
        this.address = builder.address();
        this.dataDir = ItWork.root().resolve("nodes").resolve(name);
        if (Files.exists(dataDir)) {
            throw new IllegalStateException("node name '" + name + "' used twice in this run (" + dataDir + ")");
        }
        ItWork.dir("nodes", name);
        this.sipPort = FreePorts.service();
        this.httpPort = FreePorts.service();
        this.sshPort = FreePorts.service();
        int[] rtp = FreePorts.rtpRange(builder.rtpPorts());
        this.rtpPortMin = rtp[0];
        this.rtpPortMax = rtp[1];
        this.clusterPort = builder.clusterPort() != 0 ? builder.clusterPort()
                : FreePorts.serviceWithCompanion(FAILURE_DETECTION_OFFSET);
        this.extraEnvironment = Map.copyOf(builder.environment());
        this.rest = new Rest("127.0.0.1", httpPort, USER, PASSWORD);
        this.shell = new KarafShell("127.0.0.1", sshPort, USER, PASSWORD);
    }

    /** A node called {@code name} (also its data folder's name and, by default, {@code it-<name>} as node id). */
    public static NodeBuilder builder(String name) {
        return new NodeBuilder(name);
    }

    public String name() {
        return name;
    }

    public String nodeId() {
        return nodeId;
    }

    /** SIP and RTP address. */
    public String address() {
        return address;
    }

    public int sipPort() {
        return sipPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int sshPort() {
        return sshPort;
    }

    public int rtpPortMin() {
        return rtpPortMin;
    }

    public int rtpPortMax() {
        return rtpPortMax;
    }

    /** JGroups TCP port (etc/org.forkline.cluster.cfg bindPort). */
    public int clusterPort() {
        return clusterPort;
    }

    /** This node as an entry of another node's cluster peers: {@code <address>:<clusterPort>}. */
    public String clusterPeer() {
        return address + ":" + clusterPort;
    }

    /** KARAF_DATA of this node: Karaf cache, log/, forkline/ (database, journals, recordings). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * This node's configuration folder: bin/setenv gives every node started with FORKLINE_DATA its own copy of the
     * distribution's etc/ there (nodes that shared one etc/ overwrote each other's settings at boot).
     */
    public Path etcDir() {
        return dataDir.resolve("etc");
    }

    public Path karafLog() {
        return dataDir.resolve("log/karaf.log");
    }

    /** stdout and stderr of the Karaf process. */
    public Path consoleLog() {
        return dataDir.resolve("console.log");
    }

    public Rest rest() {
        return rest;
    }

    public KarafShell shell() {
        return shell;
    }

    /** The environment given to the process on top of the inherited one. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("FORKLINE_NODE_ID", nodeId);
        env.put("FORKLINE_DATA", dataDir.toString());
        env.put("FORKLINE_SIP_ADDRESS", address);
        env.put("FORKLINE_SIP_PORT", Integer.toString(sipPort));
        env.put("FORKLINE_RTP_ADDRESS", address);
        env.put("FORKLINE_RTP_PORT_MIN", Integer.toString(rtpPortMin));
        env.put("FORKLINE_RTP_PORT_MAX", Integer.toString(rtpPortMax));
        env.put("FORKLINE_HTTP_PORT", Integer.toString(httpPort));
        env.put("FORKLINE_SSH_PORT", Integer.toString(sshPort));
        // without FORKLINE_CLUSTER_PEERS (see ForklineCluster) the node is a cluster of one on these ports
        // JGroups binds to the node's address (as SIP and RTP do): tests can cut the traffic between two addresses
        env.put("FORKLINE_CLUSTER_ADDRESS", address);
        env.put("FORKLINE_CLUSTER_PORT", Integer.toString(clusterPort));
        // SSH only on loopback, and a host key per node: etc/ is shared and two first logins would race on it.
        env.put("ORG_APACHE_KARAF_SHELL_SSHHOST", "127.0.0.1");
        env.put("ORG_APACHE_KARAF_SHELL_HOSTKEY", dataDir.resolve("host.key").toString());
        env.putAll(extraEnvironment);
        return env;
    }

    /** Starts the process; returns at once (see {@link #waitUntilUp()}). */
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("node " + name + " is already running (pid " + process.pid() + ")");
        }
        Path home = ForklineDistribution.get().home();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "daemon")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
        Map<String, String> env = builder.environment();
        // Nothing from the surrounding shell may reconfigure the node.
        env.keySet().removeIf(key -> key.startsWith("FORKLINE_") || key.startsWith("ORG_FORKLINE_")
                || key.startsWith("KARAF_") || key.startsWith("ORG_APACHE_KARAF_") || key.startsWith("ORG_OPS4J_")
                || key.equals("EXTRA_JAVA_OPTS") || key.equals("JAVA_OPTS"));
        env.putAll(environment());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name, e);
        }
        Process started = process;
        killOnExit = new Thread(started::destroyForcibly, "kill-forkline-node-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the node and waits until it is up. */
    public void startAndWait() {
        start();
        waitUntilUp();
    }

    /**
     * Waits (up to 90 s) until {@code GET /api/v1/health} answers JSON with this node's id and the SIP port answers
     * an OPTIONS (any final response). Fails with the end of karaf.log.
     */
    public void waitUntilUp() {
        awaitOrFail("the health endpoint to answer with node id " + nodeId, UP_TIMEOUT, () -> rest.healthIfAnswering()
                .map(health -> nodeId.equals(health.nodeId())).orElse(false));
        awaitOrFail("SIP on " + address + ":" + sipPort + " to answer OPTIONS", Duration.ofSeconds(30),
                this::sipAnswers);
        awaitOrFail("SSH on port " + sshPort + " to accept connections", Duration.ofSeconds(60), shell::listening);
    }

    /** Waits until the HTTP port answers anything at all (also 404): Pax Web is up. */
    public void waitUntilHttpAnswers(Duration timeout) {
        awaitOrFail("HTTP on port " + httpPort + " to answer", timeout, () -> {
            try {
                HttpResponse<String> response = rest.get("health");
                return response.statusCode() > 0;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** True when an OPTIONS to the SIP port gets any final response within a second. */
    public boolean sipAnswers() {
        try (SipUdpClient sip = SipUdpClient.to(this)) {
            return sip.options(Duration.ofSeconds(1)).isPresent();
        }
    }

    /** SIGKILL, as a crash: nothing is flushed or closed. Waits until the process is gone. */
    public synchronized void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: Karaf shuts down gracefully. Returns false when it had to be killed after 60 s. */
    public synchronized boolean stop() {
        if (!isRunning()) {
            forgetProcess();
            return true;
        }
        process.destroy();
        if (waitForExit(STOP_TIMEOUT)) {
            return true;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
        return false;
    }

    /** Graceful stop, then start on the same data folder and ports, then wait until up. */
    public void restart() {
        stop();
        startAndWait();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** PID of the Karaf JVM, or empty when not running. */
    public synchronized Optional<Long> pid() {
        return isRunning() ? Optional.of(process.pid()) : Optional.empty();
    }

    /** Adds a recording user with {@code forkline:users add} over SSH. */
    public void addRecordingUser(String number, String displayName) {
        shell.run("forkline:users add " + number + " \"" + displayName + "\"");
    }

    /** The last {@code lines} lines of karaf.log and of the console output, for failure reports. */
    public String logTail(int lines) {
        return String.format(Locale.ROOT, "===== node %s (id %s, pid %s, sip %d, http %d, ssh %d, rtp %d-%d, cluster "
                + clusterPort + ") =====%n"
                + "----- %s (last %d lines) -----%n%s%n----- %s (last 30 lines) -----%n%s%n", name, nodeId,
                pid().map(String::valueOf).orElse("-"), sipPort, httpPort, sshPort, rtpPortMin, rtpPortMax,
                karafLog(), lines, ItWork.tail(karafLog(), lines), consoleLog(), ItWork.tail(consoleLog(), 30));
    }

    /** Stops the node; kills it when it does not stop. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "node " + name + " (sip " + address + ":" + sipPort + ", http " + httpPort + ", ssh " + sshPort + ")";
    }

    private boolean waitForExit(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                forgetProcess();
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    private void forgetProcess() {
        if (killOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
            killOnExit = null;
        }
    }

    private void awaitOrFail(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
                if (!isRunning()) {
                    throw new NodeExitedException();
                }
                return condition.call();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("node " + name + ": timed out after " + timeout + " waiting for " + what + "\n"
                    + logTail(200), e);
        } catch (NodeExitedException e) {
            throw new AssertionError("node " + name + " exited (code " + process.exitValue() + ") while waiting for "
                    + what + "\n" + logTail(200));
        }
    }

    /** The node process ended while we waited for it. */
    private static final class NodeExitedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NodeExitedException() {
            super(null, null, false, false);
        }
    }
}
