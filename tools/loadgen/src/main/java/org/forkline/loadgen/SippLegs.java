package org.forkline.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signalling side of one load stage: two SIPp processes play CUCM's near-end and far-end recording
 * dialogs at the same call rate (call N of one pairs with call N of the other through x-refci), and their
 * logs tell which RTP port the node gave each leg, so that the {@link RtpBlaster} can stream to it.
 */
final class SippLegs implements AutoCloseable {

    private static final Pattern MEDIA = Pattern.compile("MEDIA (\\d+) (\\d+)");

    /** One leg the node answered: which party to play, to which port. */
    record Answered(int party, int callNumber, int port) {
    }

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final List<Long> logOffsets = new ArrayList<>();
    private final String targetHost;

    SippLegs(String sipp, String target, Path work, String cluster, double rate, int limit, int totalCalls,
            long callMillis, int basePort) throws IOException {
        this.targetHost = target.substring(0, target.lastIndexOf(':'));
        Files.createDirectories(work);
        String template;
        try (InputStream in = SippLegs.class.getResourceAsStream("/bench-leg.xml")) {
            template = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        String[] directions = { "nearend", "farend" };
        for (int i = 0; i < 2; i++) {
            Path scenario = work.resolve("bench-" + directions[i] + ".xml");
            Files.writeString(scenario, template.replace("@DIRECTION@", directions[i]), StandardCharsets.ISO_8859_1);
            Path log = work.resolve("bench-" + directions[i] + ".log");
            Files.deleteIfExists(log);
            Files.createFile(log);
            List<String> command = List.of(sipp, target, "-sf", scenario.toString(), "-i", "127.0.0.1",
                    "-p", Integer.toString(basePort + i), "-mi", "127.0.0.1", "-mp", Integer.toString(basePort + 100 + 10 * i),
                    "-r", String.format(java.util.Locale.ROOT, "%.3f", rate), "-rp", "1000", "-l", Integer.toString(limit),
                    "-m", Integer.toString(totalCalls), "-d", Long.toString(callMillis), "-key", "cluster", cluster,
                    "-trace_logs", "-log_file", log.toString(), "-trace_err", "-error_file",
                    work.resolve("bench-" + directions[i] + "-errors.log").toString(), "-nostdin",
                    "-max_socket", "4096");
            processes.add(new ProcessBuilder(command).directory(work.toFile())
                    .redirectOutput(work.resolve("bench-" + directions[i] + ".out").toFile())
                    .redirectErrorStream(true).start());
            logs.add(log);
            logOffsets.add(0L);
        }
    }

    /** Legs answered since the last call. */
    List<Answered> newlyAnswered() throws IOException {
        List<Answered> found = new ArrayList<>();
        for (int party = 0; party < 2; party++) {
            try (RandomAccessFile file = new RandomAccessFile(logs.get(party).toFile(), "r")) {
                long offset = logOffsets.get(party);
                if (file.length() <= offset) {
                    continue;
                }
                byte[] chunk = new byte[(int) (file.length() - offset)];
                file.seek(offset);
                file.readFully(chunk);
                String text = new String(chunk, StandardCharsets.ISO_8859_1);
                int complete = text.lastIndexOf('\n') + 1;
                Matcher m = MEDIA.matcher(text.substring(0, complete));
                while (m.find()) {
                    found.add(new Answered(party, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
                logOffsets.set(party, offset + complete);
            }
        }
        return found;
    }

    InetSocketAddress rtpTarget(int port) {
        return new InetSocketAddress(targetHost, port);
    }

    boolean running() {
        return processes.stream().anyMatch(Process::isAlive);
    }

    /** Exit codes once both ended (SIPp: 0 all calls succeeded, 1 some failed), waiting at most the timeout. */
    int[] awaitExit(long timeoutSeconds) throws InterruptedException {
        int[] codes = new int[processes.size()];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            long left = deadline - System.nanoTime();
            if (!p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
            codes[i] = p.exitValue();
        }
        return codes;
    }

    @Override
    public void close() {
        processes.forEach(p -> {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        });
    }
}
