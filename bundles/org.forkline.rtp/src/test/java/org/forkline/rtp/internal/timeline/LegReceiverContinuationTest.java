package org.forkline.rtp.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forkline.rtp.internal.testing.RtpBuilder.rtp;
import static org.forkline.rtp.internal.timeline.LegHarness.code;
import static org.forkline.rtp.internal.timeline.LegHarness.pcmu;
import static org.forkline.rtp.internal.timeline.LegHarness.ulaw;

import java.util.List;

import org.forkline.rtp.internal.testing.ManualClock;
import org.forkline.rtp.internal.testing.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A leg handed from one receiver to the next goes on on the same timeline, placed by RTP timestamps. */
class LegReceiverContinuationTest {

    private final ManualClock clock = new ManualClock();
    private final LegHarness before = new LegHarness(clock, 60);
    private final LegHarness after = new LegHarness(clock, 60);

    /** Packets [from, to) of the harness SSRC, one every 20 ms. */
    private static void stream(LegHarness leg, int from, int to) {
        for (int seq = from; seq < to; seq++) {
            leg.deliverAndWait(pcmu(seq, 160L * seq, code(seq)), 20);
        }
    }

    /** Hands the leg over after the first receiver finished, as a session does. */
    private Continuation handOver() {
        before.finish();
        Continuation state = before.receiver.continuation();
        Continuation travelled = Continuation.decode(state.encode()).orElseThrow();
        after.receiver.resumeFrom(travelled);
        return travelled;
    }

    /** Every sample of packets [0, count) at seq × 160, in exactly one of the two sinks. */
    private static void assertContiguous(int count, RecordingSink... sinks) {
        short[] timeline = new short[count * 160];
        boolean[] written = new boolean[timeline.length];
        for (RecordingSink sink : sinks) {
            assertThat(sink.violations()).isEmpty();
            for (RecordingSink.Append append : sink.appends()) {
                for (int i = 0; i < append.samples().length; i++) {
                    int at = (int) append.position() + i;
                    assertThat(at).as("position").isLessThan(timeline.length);
                    assertThat(written[at]).as("sample %d written twice", at).isFalse();
                    written[at] = true;
                    timeline[at] = append.samples()[i];
                }
            }
        }
        for (int at = 0; at < timeline.length; at++) {
            assertThat(written[at]).as("sample %d written", at).isTrue();
            assertThat(timeline[at]).as("sample %d", at).isEqualTo(ulaw(code(at / 160)));
        }
    }

    @ParameterizedTest(name = "backlog waited {0} ms")
    @ValueSource(ints = {0, 300, 1900})
    void packetsThatWaitedInTheSocketLandExactlyWhereTheirTimestampsPutThem(int waitMillis) {
        stream(before, 0, 50);
        Continuation state = handOver();
        assertThat(state.committed()).isEqualTo(50 * 160);

        // Nobody reads for waitMillis; the packets sent meanwhile are then read in one burst.
        clock.advanceMillis(waitMillis);
        int backlog = waitMillis / 20;
        for (int seq = 50; seq < 50 + backlog; seq++) {
            after.deliver(pcmu(seq, 160L * seq, code(seq)));
        }
        int total = 50 + backlog + 20;
        stream(after, 50 + backlog, total);
        after.finish();

        assertThat(after.sink.beginCalls()).isEqualTo(1);
        assertThat(after.sink.anchorEpochMicros()).isEqualTo(before.sink.anchorEpochMicros());
        assertThat(after.sink.sampleRate()).isEqualTo(8000);
        assertThat(after.sink.appends().get(0).position()).isEqualTo(50 * 160);
        assertContiguous(total, before.sink, after.sink);
        assertThat(after.stats().packetsLost()).isZero();
        assertThat(after.stats().packetsLate()).isZero();
    }

    @Test
    void aPacketLostAtTheHandoverIsCountedAndLeavesSilenceInItsPlace() {
        stream(before, 0, 10);
        handOver();
        stream(after, 11, 20);
        after.finish();

        assertThat(after.stats().packetsLost()).isEqualTo(1);
        assertThat(after.sink.appends().get(0).position()).isEqualTo(10 * 160);
        short[] timeline = after.sink.timeline();
        LegHarness.assertBlock(timeline, 10 * 160, 160, (short) 0);
        LegHarness.assertBlock(timeline, 11 * 160, 160, ulaw(code(11)));
    }

    @Test
    void packetsBeforeTheHandedOverEndAreLateAndDuplicatesAreDropped() {
        stream(before, 0, 10);
        handOver();
        after.deliver(pcmu(9, 160L * 9, code(9)));
        after.deliver(pcmu(8, 160L * 8, code(8)));
        stream(after, 10, 15);
        after.finish();

        assertThat(after.stats().packetsDuplicate() + after.stats().packetsLate()).isEqualTo(2);
        assertThat(after.sink.appends().get(0).position()).isEqualTo(10 * 160);
        assertContiguous(15, before.sink, after.sink);
    }

    @Test
    void anotherSenderAfterTheResumeIsAnchoredByArrivalOnTheOriginalTimeline() {
        stream(before, 0, 10);
        handOver();
        clock.advanceMillis(500);
        // 10 packets took 200 ms, then 500 ms: the new sender's first packet is heard 700 ms after the anchor.
        after.deliver(rtp().payloadType(0).seq(7).ts(999_000).ssrc(0x9999).payload(code(3), 160).build());
        after.finish();

        assertThat(after.sink.anchorEpochMicros()).isEqualTo(before.sink.anchorEpochMicros());
        short[] timeline = after.sink.timeline();
        assertThat(timeline).hasSize(700 * 8 + 160);
        LegHarness.assertBlock(timeline, 10 * 160, 700 * 8 - 10 * 160, (short) 0);
        LegHarness.assertBlock(timeline, 700 * 8, 160, ulaw(code(3)));
    }

    @Test
    void afterTheBacklogASenderThatRestartedItsTimestampsIsReanchoredAsBefore() {
        stream(before, 0, 10);
        handOver();
        stream(after, 10, 70);
        // Timestamps frozen 5 s back while packets keep coming: placed by arrival, right after the audio so far.
        after.deliver(pcmu(70, 0, code(70)));
        after.finish();

        List<RecordingSink.Append> appends = after.sink.appends();
        RecordingSink.Append last = appends.get(appends.size() - 1);
        assertThat(last.end()).isEqualTo(71 * 160);
        assertThat(after.sink.timeline()[70 * 160]).isEqualTo(ulaw(code(70)));
    }

    @Test
    void aCodecOfAnotherRateAfterTheResumeIsResampledToTheOriginalRate() {
        stream(before, 0, 10);
        handOver();
        for (int seq = 10; seq < 20; seq++) {
            after.deliverAndWait(rtp().payloadType(9).seq(seq).ts(160L * seq).ssrc(LegHarness.SSRC)
                    .payload(0x55, 160).build(), 20);
        }
        after.finish();

        assertThat(after.sink.sampleRate()).as("a stored leg has one rate").isEqualTo(8000);
        assertThat(after.sink.codec()).isEqualTo("G722");
        assertThat(after.sink.appends().get(0).position()).isEqualTo(10 * 160);
        assertThat(after.sink.end()).isEqualTo(20 * 160);
    }

    @Test
    void aReceiverWithoutAudioPassesOnWhatItTookOver() {
        stream(before, 0, 10);
        Continuation state = handOver();
        after.finish();

        assertThat(after.receiver.continuation()).isEqualTo(state);
        assertThat(after.sink.beginCalls()).isZero();
    }

    @Test
    void aReceiverThatNeverHadAudioHasNothingToPassOn() {
        before.finish();
        assertThat(before.receiver.continuation()).isNull();
    }

    @Test
    void resumingAfterPacketsIsRefused() {
        stream(after, 0, 1);
        stream(before, 0, 2);
        before.finish();
        Continuation state = before.receiver.continuation();
        assertThatThrownBy(() -> after.receiver.resumeFrom(state)).isInstanceOf(IllegalStateException.class);
    }
}
