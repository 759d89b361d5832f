package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.forkline.itests.support.AudioAssertions.assertToneThroughout;

import java.time.Duration;
import org.forkline.itests.support.CucmCall;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.JavaCall;
import org.forkline.itests.support.RecordingJson;
import org.forkline.itests.support.Recordings;
import org.forkline.itests.support.RtpStream;
import org.forkline.itests.support.Tone;
import org.forkline.itests.support.WavAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node killed with SIGKILL in the middle of a call loses at most about a second of audio: after a restart on the same
 * data folder the call's journals are recovered and sealed (DESIGN.md "Recording lifecycle", step 2 and 3).
 */
class CrashRecoveryIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final String USER = "3001";
    /** Flush interval (500 ms) plus reorder buffer (80 ms) plus scheduling: what a crash may lose. */
    private static final long MAX_LOSS_MILLIS = 1000;

    private static ForklineNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = NODES.start(ForklineNode.builder("crash").config("org.forkline.storage", "pairingWaitSeconds", 3));
        node.rest().putUser(USER, "Agent 3001", true);
    }

    @Test
    void aCallCutByKill9IsRecoveredAndSealedAfterTheRestart() throws Exception {
        CucmCall call = CucmCall.of("63001", USER);
        long sentBeforeKill;
        long sentAfterKill;
        try (JavaCall javaCall = JavaCall.start(node, call, RtpStream.of(Tone.of(700), 30_000, 3001),
                RtpStream.of(Tone.of(1300), 30_000, 3002))) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> javaCall.near().sender().millisSent() >= 8000);

            sentBeforeKill = javaCall.near().sender().millisSent();
            node.kill9();
            sentAfterKill = (long) javaCall.near().sender().stop() * Tone.FRAME_MILLIS;
        }
        assertThat(node.isRunning()).isFalse();

        node.startAndWait();

        RecordingJson recording = Recordings.awaitSealed(node.rest(), USER, call.refci(), Duration.ofSeconds(60));
        assertThat(recording.recovered()).as("recovered flag").isTrue();
        assertThat(recording.legs()).hasSize(2);
        assertThat(recording.legs()).allSatisfy(leg -> assertThat(leg.endedAt()).isNotNull());
        assertThat(recording.durationMillis()).as("audio sent before the kill: %d to %d ms", sentBeforeKill,
                sentAfterKill).isBetween(sentBeforeKill - MAX_LOSS_MILLIS, sentAfterKill + 250);
        WavAudio wav = Recordings.wav(node.rest(), recording.id());
        assertToneThroughout(wav, 0, 0, recording.durationMillis() - 100, 500, 700, 1300, 20);
        assertToneThroughout(wav, 1, 0, recording.durationMillis() - 100, 500, 1300, 700, 20);
    }
}
