package org.forkline.loadgen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.forkline.testing.SpeechLikeSignal;

/**
 * Ramps concurrent recorded calls against a running Forkline node and prints, per stage, what the node spent:
 * packets received and lost, CPU-seconds per wall-second and per recorded call-hour (real-time path alone and
 * all-in with sealing), calls per core, and heap. Calls end and new ones start during each stage, so journals,
 * sealing and encoding are counted, not only long calls.
 *
 * <p>Usage: {@code LoadGenerator --pid <node pid> [--sip 127.0.0.1:5060] [--http http://127.0.0.1:8181]
 * [--stages 100,300,600] [--call-seconds 30] [--steady-seconds 60] [--activity p59|half] [--sipp /usr/bin/sipp]
 * [--work dir]}
 */
public final class LoadGenerator {

    private final Map<String, String> options;

    private LoadGenerator(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, 0);
        if (!options.containsKey("pid")) {
            System.err.println("usage: LoadGenerator --pid <node pid> [--sip host:port] [--http url] [--stages 100,300]"
                    + " [--call-seconds 30] [--steady-seconds 60] [--sipp /usr/bin/sipp] [--work dir]");
            System.exit(2);
        }
        new LoadGenerator(options).run();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private void run() throws Exception {
        long pid = Long.parseLong(option("pid", "0"));
        String sip = option("sip", "127.0.0.1:5060");
        NodeProbe probe = new NodeProbe(pid, option("http", "http://127.0.0.1:8181"), "karaf",
                option("password", "karaf"));
        int callSeconds = Integer.parseInt(option("call-seconds", "30"));
        int steadySeconds = Integer.parseInt(option("steady-seconds", "60"));
        Path work = Path.of(option("work", "target/loadgen"));
        List<String> rows = new ArrayList<>();
        rows.add("| concurrent calls (peak) | calls | packets sent | received | sent after BYE | lost (sequence gaps, kernel buffer drops) | loss % | node CPU-s/s during capture "
                + "| RTP threads CPU-s/s | real-time CPU-s per call-h | all-in CPU-s per call-h | sealing CPU-s per call-h "
                + "| calls/core real-time | calls/core all-in | heap max MiB | sealing drained after s |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        SpeechLikeSignal.Activity activity = SpeechLikeSignal.Activity.valueOf(
                option("activity", "p59").toUpperCase(Locale.ROOT));
        byte[][] parties = SpeechLikeSignal.conversation(600, 42, activity);
        String talk = String.format(Locale.ROOT, "speech-like audio, %s activity model: near end talks %.0f %%, far end"
                + " %.0f %% of the time", activity, 100 * SpeechLikeSignal.activity(parties[0]),
                100 * SpeechLikeSignal.activity(parties[1]));
        System.out.println(talk);
        try (RtpBlaster blaster = new RtpBlaster(parties)) {
            int stageIndex = 0;
            for (String stage : option("stages", "100,300,600").split(",")) {
                int concurrent = Integer.parseInt(stage.trim());
                rows.add(runStage(probe, blaster, sip, work.resolve("stage-" + concurrent), concurrent, callSeconds,
                        steadySeconds, 16000 + 1000 * stageIndex++));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        System.out.println();
        System.out.println("Call length " + callSeconds + " s, steady phase " + steadySeconds
                + " s per stage, G.711 µ-law, " + talk + ".");
        rows.forEach(System.out::println);
    }

    private String runStage(NodeProbe probe, RtpBlaster blaster, String sip, Path work, int concurrent,
            int callSeconds, int steadySeconds, int basePort) throws Exception {
        double rate = (double) concurrent / callSeconds;
        int totalCalls = (int) Math.round(rate * (callSeconds + steadySeconds));
        long callMillis = callSeconds * 1000L;
        System.out.printf(Locale.ROOT, "stage %d concurrent calls: %.2f calls/s, %d calls of %d s%n", concurrent, rate,
                totalCalls, callSeconds);

        NodeProbe.Cpu cpuStart = probe.cpu();
        Map<String, Double> threadsStart = probe.threadCpu();
        double processStart = probe.processCpu();
        JsonNode healthStart = probe.health();
        long sentStart = blaster.packetsSent();
        long kernelDropsStart = NodeProbe.udpCounter("RcvbufErrors");
        long closedPortStart = NodeProbe.udpCounter("NoPorts");
        long started = System.nanoTime();
        int peakCalls = 0;
        double heapMax = 0;
        String cluster = "bench" + Long.toString(System.currentTimeMillis(), 36);
        int[] answered = new int[2];
        try (SippLegs legs = new SippLegs(option("sipp", "/usr/bin/sipp"), sip, work, cluster, rate,
                concurrent + concurrent / 5 + 10, totalCalls, callMillis, basePort)) {
            long lastSample = 0;
            while (legs.running()) {
                for (SippLegs.Answered a : legs.newlyAnswered()) {
                    answered[a.party()]++;
                    // stop a little before SIPp's BYE so that no packet races the closing port
                    blaster.start(legs.rtpTarget(a.port()), a.party(), callMillis - 1000, a.callNumber() * 2 + a.party(),
                            a.callNumber() * 7 % 540);
                }
                if (System.nanoTime() - lastSample > 1_000_000_000L) {
                    lastSample = System.nanoTime();
                    peakCalls = Math.max(peakCalls, probe.health().path("activeCalls").asInt());
                    heapMax = Math.max(heapMax, probe.heapUsedMib());
                }
                Thread.sleep(50);
            }
            int[] exits = legs.awaitExit(30);
            if (exits[0] != 0 || exits[1] != 0) {
                System.out.println("  SIPp reported failed calls (exit codes " + exits[0] + ", " + exits[1]
                        + "): see " + work);
            }
            if (answered[0] != totalCalls || answered[1] != totalCalls) {
                System.out.println("  WARNING: the node answered " + answered[0] + " near and " + answered[1]
                        + " far legs of " + totalCalls + " calls: this row does not measure what it says");
            }
        }
        while (blaster.activeStreams() > 0) {
            Thread.sleep(100);
        }
        Thread.sleep(1500); // let the last BYEs close their sessions
        NodeProbe.Cpu cpuCaptured = probe.cpu();
        JsonNode healthCaptured = probe.health();
        double captureWall = (System.nanoTime() - started) / 1e9;
        double processCaptured = probe.processCpu();

        long drainStarted = System.nanoTime();
        long deadline = drainStarted + 900_000_000_000L;
        JsonNode health = healthCaptured;
        while (System.nanoTime() < deadline && (health.isMissingNode()
                || health.path("storage").path("sealingBacklog").asInt() > 0
                || health.path("storage").path("activeRecordings").asInt() > 0)) {
            heapMax = Math.max(heapMax, probe.heapUsedMib());
            Thread.sleep(500);
            health = probe.health();
        }
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
        NodeProbe.Cpu cpuDrained = probe.cpu();
        printOtherThreads(threadsStart, probe.threadCpu(), totalCalls * (double) callSeconds / 3600.0);
        double processDrained = probe.processCpu();

        long sent = blaster.packetsSent() - sentStart;
        long received = counter(healthCaptured, "packetsReceived") - counter(healthStart, "packetsReceived");
        // Lost by the node: dropped by the kernel because the node did not read in time, or missing from a
        // stream's sequence. Packets the sender still had in flight after a leg's BYE hit a closed port: not lost.
        long kernelDrops = NodeProbe.udpCounter("RcvbufErrors") - kernelDropsStart;
        long afterBye = NodeProbe.udpCounter("NoPorts") - closedPortStart;
        long gaps = counter(healthCaptured, "packetsLost") - counter(healthStart, "packetsLost");
        long lost = gaps + kernelDrops;
        double callHours = totalCalls * (double) callSeconds / 3600.0;
        NodeProbe.Cpu capture = cpuCaptured.minus(cpuStart);
        NodeProbe.Cpu all = cpuDrained.minus(cpuStart);
        double realTimePerCallHour = capture.rtp() / callHours;
        double allInPerCallHour = (processDrained - processStart) / callHours;
        return String.format(Locale.ROOT,
                "| %d (%d) | %d | %d | %d | %d | %d (%d, %d) | %.4f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d | %.0f | %.0f |",
                concurrent, peakCalls, totalCalls, sent, received, afterBye, lost, gaps, kernelDrops, sent == 0 ? 0 : 100.0 * lost / sent,
                (processCaptured - processStart) / captureWall, capture.rtp() / captureWall, realTimePerCallHour,
                allInPerCallHour, all.sealing() / callHours, Math.round(3600 / realTimePerCallHour),
                Math.round(3600 / allInPerCallHour), heapMax, drainSeconds);
    }

    /** Where the CPU that is neither RTP nor sealing went: the busiest thread groups of the stage. */
    private static void printOtherThreads(Map<String, Double> before, Map<String, Double> after, double callHours) {
        StringBuilder line = new StringBuilder("  CPU-s per call-hour by thread:");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue() / callHours)));
        System.out.println(line);
    }

    private static long counter(JsonNode health, String name) {
        return health.path("media").path(name).asLong();
    }
}
