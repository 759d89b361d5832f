package org.forkline.itests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a SIPp run ended. Exit codes (SIPp 3.6): 0 all calls succeeded, 1 at least one failed, 97 exit on an internal
 * command, 99 normal exit without calls processed, 255 (-1) fatal error, 254 (-2) fatal error binding a socket.
 *
 * @param label    the run's name
 * @param exitCode SIPp's exit code; -999 when the Java side had to kill it
 * @param killed   true when it ran past the hard timeout
 * @param dir      folder with the scenario, command line and SIPp's logs
 */
public record SippResult(String label, int exitCode, boolean killed, Path dir) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Fails with SIPp's error log, the tail of its message trace and its last screen unless every call succeeded. */
    public SippResult assertSucceeded() {
        if (!succeeded()) {
            throw new AssertionError("SIPp " + label + " failed (exit " + exitCode + (killed ? ", killed" : "")
                    + "):\n" + diagnostics());
        }
        return this;
    }

    /** The lines of the scenario's {@code <log>} actions. */
    public List<String> actionLog() {
        Path log = dir.resolve("actions.log");
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e + ")");
        }
    }

    /** Error log, message trace tail and the end of SIPp's screen output, for assertion messages. */
    public String diagnostics() {
        return "--- command: " + ItWork.tail(dir.resolve("command.txt"), 1)
                + "\n--- errors.log:\n" + ItWork.tail(dir.resolve("errors.log"), 40)
                + "\n--- messages.log (tail):\n" + ItWork.tail(dir.resolve("messages.log"), 80)
                + "\n--- stdout.log (tail):\n" + ItWork.tail(dir.resolve("stdout.log"), 50);
    }
}
