package org.forkline.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running SIPp process: wait for it, read its {@code <log>} lines while it runs, or kill it. */
public final class SippRun implements AutoCloseable {

    private final String label;
    private final Process process;
    private final Path dir;
    private final Duration hardTimeout;

    SippRun(String label, Process process, Path dir, Duration hardTimeout) {
        this.label = label;
        this.process = process;
        this.dir = dir;
        this.hardTimeout = hardTimeout;
    }

    public Path dir() {
        return dir;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Waits for SIPp to exit (killing it after the hard timeout) and returns how the call went. */
    public SippResult await() {
        boolean killed = false;
        try {
            if (!process.waitFor(hardTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killed = true;
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while waiting for SIPp " + label, e);
        }
        return new SippResult(label, killed ? -999 : process.exitValue(), killed, dir);
    }

    /**
     * Waits until a line of the scenario's {@code <log>} actions matches {@code pattern} and returns the match (the
     * scenarios log e.g. {@code answered media=127.0.0.1:20004} once the 200 OK arrived).
     */
    public Matcher awaitLog(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path log = dir.resolve("actions.log");
        while (true) {
            Optional<Matcher> match = findLog(log, pattern);
            if (match.isPresent()) {
                return match.get();
            }
            if (!process.isAlive()) {
                match = findLog(log, pattern);
                if (match.isPresent()) {
                    return match.get();
                }
                throw new AssertionError("SIPp " + label + " ended without logging " + pattern + "\n"
                        + new SippResult(label, process.exitValue(), false, dir).diagnostics());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("SIPp " + label + " did not log " + pattern + " within " + timeout + "\n"
                        + new SippResult(label, -1, false, dir).diagnostics());
            }
            process.onExit().completeOnTimeout(process, 50, TimeUnit.MILLISECONDS).join();
        }
    }

    /** Kills SIPp if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Optional<Matcher> findLog(Path log, Pattern pattern) {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            for (String line : lines) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
