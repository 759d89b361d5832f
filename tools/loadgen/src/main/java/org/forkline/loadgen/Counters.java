package org.forkline.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counters of the benchmark's iptables chain FORKLINE_BENCH (rules made by tools/bench/replication.sh, one per
 * node-to-node port and direction, commented "forkline-bench n1-out http" and so on): bytes on the wire, IP and TCP
 * headers included.
 */
record Counters(long originToPeerHttp, long originToPeerCluster, long peerToOrigin) {

    private static final Pattern RULE = Pattern.compile("^\\s*\\d+\\s+(\\d+)\\s.*/\\* forkline-bench (n1-out|n2-out) (\\S+) \\*/");

    long originToPeer() {
        return originToPeerHttp + originToPeerCluster;
    }

    static Counters read() throws IOException, InterruptedException {
        Process iptables = new ProcessBuilder("iptables", "-w", "-vxnL", "FORKLINE_BENCH").redirectErrorStream(true)
                .start();
        String listing = new String(iptables.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        iptables.waitFor();
        long http = 0;
        long cluster = 0;
        long back = 0;
        for (String line : listing.split("\n")) {
            Matcher m = RULE.matcher(line);
            if (!m.find()) {
                continue;
            }
            long bytes = Long.parseLong(m.group(1));
            if (m.group(2).equals("n2-out")) {
                back += bytes;
            } else if (m.group(3).equals("http")) {
                http += bytes;
            } else {
                cluster += bytes;
            }
        }
        return new Counters(http, cluster, back);
    }
}
