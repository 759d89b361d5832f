package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.forkline.itests.support.AudioAssertions.assertTone;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.forkline.itests.support.AudioAnalysis;
import org.forkline.itests.support.AudioAssertions;
import org.forkline.itests.support.ClusterCalls;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.RecordingJson;
import org.forkline.itests.support.Recordings;
import org.forkline.itests.support.WavAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bundle:update} of every Forkline bundle but the API (capture bundles sip, rtp, storage first, then handover,
 * web, replication, ha, shell) and {@code bundle:restart} of the API bundle, one after the other, during one call
 * that SIPp plays as CUCM: the dialogs go on (no BYE from the recorder, or SIPp's scenario fails), and the call ends
 * as one recording with both parties from start to end. The audio each update cost is printed.
 */
class LiveUpdateIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final String USER = "4101";
    private static final long CALL_MILLIS = 44_000;
    private static final long UPDATE_EVERY_MILLIS = 4_000;
    /** Updating the API bundle would refresh every bundle: a node restart (docs/operations.md); it is restarted. */
    private static final List<String> COMMANDS = List.of("bundle:update org.forkline.sip",
            "bundle:update org.forkline.rtp", "bundle:update org.forkline.storage",
            "bundle:update org.forkline.handover", "bundle:update org.forkline.web",
            "bundle:update org.forkline.replication", "bundle:update org.forkline.ha",
            "bundle:update org.forkline.shell", "bundle:restart org.forkline.api");
    private static final long WINDOW_MILLIS = 20;

    private static ForklineNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = NODES.start(ForklineNode.builder("live"));
        node.rest().putUser(USER, "Live Update", true);
    }

    @Test
    void updatingTheCaptureBundlesOneAfterTheOtherDuringACallDropsNoRecording() throws Exception {
        ClusterCalls.Placed call = ClusterCalls.start(node, USER, "41000001", CALL_MILLIS);
        awaitCallUp();
        long callStart = System.nanoTime();
        Map<String, Long> updatedAtMillis = new LinkedHashMap<>();
        for (String command : COMMANDS) {
            long next = (updatedAtMillis.size() + 1) * UPDATE_EVERY_MILLIS;
            await().atMost(Duration.ofSeconds(20)).until(() -> elapsedMillis(callStart) >= next);
            updatedAtMillis.put(command.substring(command.lastIndexOf('.') + 1), elapsedMillis(callStart));
            node.shell().run(command);
            awaitCallUp();
        }

        RecordingJson recording = call.awaitSealed();   // SIPp fails its scenario on a BYE it did not send
        assertThat(recording.orphan()).isFalse();
        assertThat(recording.legs()).hasSize(2);
        assertThat(recording.durationMillis()).isBetween(CALL_MILLIS - 1000, CALL_MILLIS + 1000);
        WavAudio wav = Recordings.wav(node.rest(), recording.id());
        long end = recording.durationMillis();
        assertTone(wav, 0, 300, 4000, 700, 1300, 20);
        assertTone(wav, 1, 300, 4000, 1300, 700, 20);
        assertTone(wav, 0, end - 4000, end - 300, 700, 1300, 20);
        assertTone(wav, 1, end - 4000, end - 300, 1300, 700, 20);
        List<long[]> leftGaps = silentSpans(wav, 0, 300, end - 300);
        List<long[]> rightGaps = silentSpans(wav, 1, 300, end - 300);
        long leftGap = leftGaps.stream().mapToLong(span -> span[1]).sum();
        long rightGap = rightGaps.stream().mapToLong(span -> span[1]).sum();
        System.out.printf("LiveUpdateIT: updates at %s ms of the call; audio missing over the whole call: "
                + "left %d ms %s, right %d ms %s (start, length in ms)%n", updatedAtMillis, leftGap,
                describe(leftGaps), rightGap, describe(rightGaps));
        // 0 ms measured; one 20 ms window of slack per side for a loaded machine, nothing like a lost packet train
        assertThat(leftGap).as("ms of the near party missing after %d updates", COMMANDS.size())
                .isLessThanOrEqualTo(40);
        assertThat(rightGap).as("ms of the far party missing after %d updates", COMMANDS.size())
                .isLessThanOrEqualTo(40);

        String log = Files.readString(node.karafLog());
        assertThat(count(log, "SIP handover: took over 2 legs")).as("SIP takeovers in karaf.log")
                .isGreaterThanOrEqualTo(3);
        assertThat(log).doesNotContain("legs ended (SHUTDOWN)").doesNotContain("parked legs ended with BYE");
    }

    private static void awaitCallUp() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> node.rest().health().activeCalls().orElse(0) == 1);
    }

    private static long elapsedMillis(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    /** Silent stretches of 20 ms windows in {@code [from, to)} as {start, length} in ms: the audio updates cost. */
    private static List<long[]> silentSpans(WavAudio wav, int channel, long from, long to) {
        List<long[]> spans = new ArrayList<>();
        long[] open = null;
        for (long start = from; start + WINDOW_MILLIS <= to; start += WINDOW_MILLIS) {
            boolean silent = AudioAnalysis.rmsDbfs(wav.channel(channel), wav.sampleRate(), start,
                    start + WINDOW_MILLIS) < AudioAssertions.SILENCE_DBFS;
            if (silent && open == null) {
                open = new long[] {start, 0};
                spans.add(open);
            }
            if (silent) {
                open[1] += WINDOW_MILLIS;
            } else {
                open = null;
            }
        }
        return spans;
    }

    private static String describe(List<long[]> spans) {
        return spans.stream().map(span -> span[0] + "+" + span[1]).toList().toString();
    }

    private static int count(String text, String phrase) {
        Matcher matcher = Pattern.compile(Pattern.quote(phrase)).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}
