package org.forkline.itests.support;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.awaitility.core.ConditionTimeoutException;

/** Runs Karaf shell commands on a node over SSH (Apache SSHD client, password login), one session per command. */
public final class KarafShell {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    /** SSH starts late in Karaf's boot and restarts with the ssh feature: a closed port is waited for this long. */
    private static final Duration CONNECT_RETRY = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public KarafShell(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * The outcome of one command.
     *
     * @param command    the command line
     * @param output     what it printed on stdout
     * @param errors     what it printed on stderr
     * @param exitStatus the exit status the shell reported, null when it reported none
     */
    public record Result(String command, String output, String errors, Integer exitStatus) {

        /** False when the shell reported a failure: a non-zero exit status or Karaf's error texts. */
        public boolean succeeded() {
            String all = output + errors;
            return (exitStatus == null || exitStatus == 0) && !all.contains("Error executing command")
                    && !all.contains("Command not found") && !all.contains("command not found");
        }

        @Override
        public String toString() {
            return "'" + command + "' (exit " + exitStatus + "):\n" + output + (errors.isEmpty() ? "" : "\nstderr:\n"
                    + errors);
        }
    }

    /** Runs a command and fails unless it succeeded; returns its output. */
    public String run(String command) {
        Result result = execute(command, DEFAULT_COMMAND_TIMEOUT);
        if (!result.succeeded()) {
            throw new AssertionError("Karaf shell command failed on port " + port + ": " + result);
        }
        return result.output();
    }

    /** Runs a command and returns what happened, whatever it was. */
    public Result execute(String command, Duration timeout) {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            // Each node makes its own host key at first start: there is nothing to verify it against.
            client.setServerKeyVerifier((session, remote, key) -> true);
            client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            client.start();
            try (ClientSession session = connect(client)) {
                session.addPasswordIdentity(password);
                session.auth().verify(CONNECT_TIMEOUT);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                try (ChannelExec channel = session.createExecChannel(command)) {
                    channel.setOut(out);
                    channel.setErr(err);
                    channel.open().verify(CONNECT_TIMEOUT);
                    Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                    if (events.contains(ClientChannelEvent.TIMEOUT)) {
                        throw new AssertionError("Karaf shell command '" + command + "' did not finish within "
                                + timeout + "; output so far:\n" + out.toString(StandardCharsets.UTF_8));
                    }
                    return new Result(command, out.toString(StandardCharsets.UTF_8),
                            err.toString(StandardCharsets.UTF_8), channel.getExitStatus());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("SSH to " + host + ":" + port + " for '" + command + "' failed", e);
        }
    }

    /** True when something accepts TCP connections on the SSH port. */
    public boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ClientSession connect(SshClient client) throws IOException {
        try {
            await().atMost(CONNECT_RETRY).pollInterval(Duration.ofMillis(500)).until(this::listening);
        } catch (ConditionTimeoutException e) {
            throw new IOException("nothing listens on SSH port " + port + " after " + CONNECT_RETRY, e);
        }
        return client.connect(user, host, port).verify(CONNECT_TIMEOUT).getSession();
    }
}
