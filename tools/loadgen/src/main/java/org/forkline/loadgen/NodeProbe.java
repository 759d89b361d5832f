package org.forkline.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads what the node spent: CPU per thread group from /proc (RTP event loops, sealing, the rest), heap from
 * jstat, and the packet and backlog counters from the node's health endpoint.
 */
final class NodeProbe {

    /** CPU seconds by thread group. */
    record Cpu(double rtp, double sealing, double other) {
        double total() {
            return rtp + sealing + other;
        }

        Cpu minus(Cpu o) {
            return new Cpu(rtp - o.rtp, sealing - o.sealing, other - o.other);
        }
    }

    private static final double CLOCK_TICKS = 100.0;

    private final long pid;
    private final URI health;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    NodeProbe(long pid, String httpBase, String user, String password) {
        this.pid = pid;
        this.health = URI.create(httpBase + "/api/v1/health");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** CPU seconds of every live thread, grouped by name. Threads that ended are lost to the sum: keep them alive. */
    Cpu cpu() throws IOException {
        Map<String, Double> groups = new HashMap<>();
        threadCpu().forEach((name, seconds) -> groups.merge(group(name), seconds, Double::sum));
        return new Cpu(groups.getOrDefault("rtp", 0.0), groups.getOrDefault("sealing", 0.0),
                groups.getOrDefault("other", 0.0));
    }

    /** CPU seconds by thread name, digits folded ({@code GC Thread#0} and {@code GC Thread#1} count together). */
    Map<String, Double> threadCpu() throws IOException {
        Map<String, Double> byName = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
                    byName.merge(name.replaceAll("[0-9]+", "N"), seconds, Double::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread exited between list and read
                }
            }
        }
        return byName;
    }

    /** CPU seconds of the whole process (includes threads that have ended). */
    double processCpu() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
    }

    private static String group(String threadName) {
        if (threadName.startsWith("forkline-rtp")) {
            return "rtp";
        }
        if (threadName.startsWith("forkline-seal")) {
            return "sealing";
        }
        return "other";
    }

    /**
     * One of the kernel's UDP counters for the whole host, from /proc/net/snmp: {@code RcvbufErrors} (datagrams
     * dropped because a socket's receive buffer was full) or {@code NoPorts} (sent to a port nobody listens on).
     */
    static long udpCounter(String name) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                List<String> names = List.of(lines.get(i).split("\\s+"));
                String[] values = lines.get(i + 1).split("\\s+");
                return Long.parseLong(values[names.indexOf(name)]);
            }
        }
        return -1;
    }

    /** Used heap in MiB (young + old), from jstat. */
    double heapUsedMib() {
        try {
            Process p = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(true).start();
            String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
            p.waitFor();
            String[] names = lines[0].trim().split("\\s+");
            String[] values = lines[1].trim().split("\\s+");
            double kib = 0;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals("S0U") || names[i].equals("S1U") || names[i].equals("EU") || names[i].equals("OU")) {
                    kib += Double.parseDouble(values[i]);
                }
            }
            return kib / 1024.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** The node's health document (authenticated, so it has the counters). */
    /**
     * The node's health; a missing node (every field absent) while the REST API does not answer with JSON, e.g. for
     * the moment the web bundle restarts during a live update.
     */
    JsonNode health() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(health).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return MissingNode.getInstance();
            }
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
