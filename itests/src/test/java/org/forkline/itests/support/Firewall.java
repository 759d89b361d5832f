package org.forkline.itests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * iptables rules that cut the traffic between loopback addresses, each tagged with the comment {@value #TAG} so
 * that {@link #removeAll()} (after a test, and before one in case a killed run left some) finds every one of them.
 * Needs the {@code iptables} command and the right to change the INPUT chain: root, or passwordless sudo (as on CI
 * runners), which is then used as {@code sudo -n iptables}.
 */
public final class Firewall {

    public static final String TAG = "forkline-it";

    private Firewall() {
    }

    /** Fails with a clear message unless iptables is installed and this process may list the INPUT chain. */
    public static void requireUsable() {
        Result result;
        try {
            result = run(iptables("-S", "INPUT"));
        } catch (IOException e) {
            throw new AssertionError("this test needs the iptables command (Debian package iptables; test.sh "
                    + "installs it): " + e.getMessage(), e);
        }
        if (result.exitCode() != 0) {
            throw new AssertionError("this test needs to change iptables rules (run as root, or as a user with "
                    + "passwordless sudo); '" + String.join(" ", iptables("-S", "INPUT")) + "' failed with "
                    + result.exitCode() + ": " + result.output());
        }
    }

    /** Drops every packet between {@code a} and each of {@code others}, both directions. */
    public static void cut(String a, List<String> others) {
        for (String b : others) {
            change("-I", a, b);
            change("-I", b, a);
        }
    }

    /** Removes every rule tagged {@value #TAG} from the INPUT chain; returns how many there were. */
    public static int removeAll() {
        Result listing = runOrFail(iptables("-S", "INPUT"));
        int removed = 0;
        for (String line : listing.output().split("\n")) {
            if (line.startsWith("-A INPUT ") && line.contains("--comment " + TAG)) {
                List<String> delete = new ArrayList<>(List.of("-D"));
                delete.addAll(Arrays.asList(line.substring("-A ".length()).trim().split("\\s+")));
                runOrFail(iptables(delete.toArray(String[]::new)));
                removed++;
            }
        }
        return removed;
    }

    private static void change(String operation, String source, String destination) {
        runOrFail(iptables(operation, "INPUT", "-s", source, "-d", destination, "-m", "comment", "--comment", TAG,
                "-j", "DROP"));
    }

    /** The iptables command line: directly as root, else through {@code sudo -n} (fails at once without a password). */
    private static String[] iptables(String... arguments) {
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.add("iptables");
        command.addAll(Arrays.asList(arguments));
        return command.toArray(String[]::new);
    }

    private static Result runOrFail(String[] command) {
        Result result;
        try {
            result = run(command);
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + ": " + e.getMessage(), e);
        }
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with " + result.exitCode() + ": "
                    + result.output());
        }
        return result;
    }

    private static Result run(String[] command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("no answer within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }

    /** Exit code and combined output of one command. */
    private record Result(int exitCode, String output) {
    }
}
