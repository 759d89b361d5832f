package org.forkline.rtp.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forkline.rtp.internal.testing.RtpBuilder.rtp;
import static org.forkline.rtp.internal.timeline.LegHarness.assertBlock;
import static org.forkline.rtp.internal.timeline.LegHarness.code;
import static org.forkline.rtp.internal.timeline.LegHarness.pcmu;
import static org.forkline.rtp.internal.timeline.LegHarness.ulaw;

import org.forkline.rtp.internal.testing.RecordingSink.Append;
import org.junit.jupiter.api.Test;

class LegReceiverTimelineTest {

    private final LegHarness leg = LegHarness.withReorderMillis(60);

    @Test
    void inOrderPacketsFormAContinuousTimelineAnchoredAtTheFirstArrival() {
        long anchor = leg.clock.epochMicros();
        for (int i = 0; i < 10; i++) {
            leg.deliverAndWait(pcmu(100 + i, 1000 + 160 * i, code(i)), 20);
        }

        assertThat(leg.sink.end()).as("60 ms (480 samples) held back for reordering").isEqualTo(1600 - 480);
        short[] timeline = leg.finish();

        assertThat(leg.sink.beginCalls()).isEqualTo(1);
        assertThat(leg.sink.sampleRate()).isEqualTo(8000);
        assertThat(leg.sink.codec()).isEqualTo("PCMU");
        assertThat(leg.sink.anchorEpochMicros()).isEqualTo(anchor);
        assertThat(timeline).hasSize(1600);
        for (int i = 0; i < 10; i++) {
            assertBlock(timeline, 160L * i, 160, ulaw(code(i)));
        }
        assertThat(leg.stats().packetsReceived()).isEqualTo(10);
        assertThat(leg.stats().packetsLost()).isZero();
    }

    @Test
    void packetsReorderedWithinTheWindowLandInPlace() {
        int[] order = {0, 1, 3, 2, 5, 4, 6};
        for (int i : order) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        short[] timeline = leg.finish();

        for (int i = 0; i < order.length; i++) {
            assertBlock(timeline, 160L * i, 160, ulaw(code(i)));
        }
        assertThat(leg.stats().packetsLate()).isZero();
        assertThat(leg.stats().packetsReceived()).isEqualTo(7);
    }

    @Test
    void duplicatesAreCountedAndDropped() {
        leg.deliverAndWait(pcmu(0, 0, code(0)), 20);
        leg.deliverAndWait(pcmu(1, 160, code(1)), 20);
        leg.deliverAndWait(pcmu(1, 160, code(7)), 20);
        leg.deliverAndWait(pcmu(2, 320, code(2)), 20);
        short[] timeline = leg.finish();

        assertThat(leg.stats().packetsDuplicate()).isEqualTo(1);
        assertThat(leg.stats().packetsReceived()).isEqualTo(3);
        assertBlock(timeline, 160, 160, ulaw(code(1)));
    }

    @Test
    void lostPacketsBecomeSilenceOfTheirLength() {
        for (int i : new int[] {0, 1, 4, 5}) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        short[] timeline = leg.finish();

        assertThat(timeline).hasSize(960);
        assertBlock(timeline, 160, 160, ulaw(code(1)));
        assertBlock(timeline, 320, 320, (short) 0);
        assertBlock(timeline, 640, 160, ulaw(code(4)));
        assertThat(leg.stats().packetsLost()).isEqualTo(2);
    }

    @Test
    void aPacketArrivingAfterItsPlaceWasWrittenIsLate() {
        leg.deliverAndWait(pcmu(0, 0, code(0)), 20);
        for (int i = 2; i < 10; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        leg.deliver(pcmu(1, 160, code(1)));
        short[] timeline = leg.finish();

        assertThat(leg.stats().packetsLate()).isEqualTo(1);
        assertThat(leg.stats().packetsLost()).as("it did arrive").isZero();
        assertBlock(timeline, 160, 160, (short) 0);
    }

    @Test
    void aPacketStraddlingTheCommittedPositionIsDroppedAsLate() {
        LegHarness shortWindow = LegHarness.withReorderMillis(50);
        for (int i : new int[] {0, 1, 3, 4}) {
            shortWindow.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        assertThat(shortWindow.sink.end()).as("committed up to 800 - 400").isEqualTo(400);

        shortWindow.deliver(pcmu(2, 320, code(2)));
        short[] timeline = shortWindow.finish();

        assertThat(shortWindow.stats().packetsLate()).isEqualTo(1);
        assertBlock(timeline, 320, 160, (short) 0);
    }

    @Test
    void sequenceNumbersWrapWithoutLossOrDuplicates() {
        int[] sequence = {65534, 65535, 0, 1};
        for (int i = 0; i < sequence.length; i++) {
            leg.deliverAndWait(pcmu(sequence[i], 160L * i, code(i)), 20);
        }
        short[] timeline = leg.finish();

        assertThat(timeline).hasSize(640);
        assertBlock(timeline, 480, 160, ulaw(code(3)));
        assertThat(leg.stats().packetsLost()).isZero();
        assertThat(leg.stats().packetsDuplicate()).isZero();
        assertThat(leg.stats().packetsReceived()).isEqualTo(4);
    }

    @Test
    void timestampsWrapAtTwoToThe32() {
        long start = (1L << 32) - 320;
        for (int i = 0; i < 4; i++) {
            leg.deliverAndWait(pcmu(i, start + 160L * i, code(i)), 20);
        }
        short[] timeline = leg.finish();

        assertThat(timeline).hasSize(640);
        for (int i = 0; i < 4; i++) {
            assertBlock(timeline, 160L * i, 160, ulaw(code(i)));
        }
    }

    @Test
    void aNewSsrcStartsASegmentAtItsArrivalTime() {
        for (int i = 0; i < 5; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        leg.clock.advanceMillis(200);
        for (int i = 0; i < 3; i++) {
            leg.deliverAndWait(rtp().payloadType(0).ssrc(0x9999).seq(5000 + i).ts(123_456_789L + 160 * i)
                    .payload(code(50 + i), 160).build(), 20);
        }
        short[] timeline = leg.finish();

        assertThat(leg.stats().ssrcChanges()).isEqualTo(1);
        assertBlock(timeline, 640, 160, ulaw(code(4)));
        assertBlock(timeline, 800, 2400 - 800, (short) 0);
        for (int i = 0; i < 3; i++) {
            assertBlock(timeline, 2400 + 160L * i, 160, ulaw(code(50 + i)));
        }
        assertThat(leg.stats().packetsLost()).isZero();
    }

    @Test
    void aNewSsrcNeverOverwritesWhatWasAlreadyWritten() {
        for (int i = 0; i < 10; i++) {
            leg.deliver(pcmu(i, 160L * i, code(i)));
        }
        leg.clock.advanceMillis(50);
        leg.deliver(rtp().payloadType(0).ssrc(0x9999).seq(1).ts(5).payload(code(60), 160).build());
        short[] timeline = leg.finish();

        assertBlock(timeline, 1440, 160, ulaw(code(9)));
        assertBlock(timeline, 1600, 160, ulaw(code(60)));
    }

    @Test
    void holdWithFrozenTimestampsIsReanchoredAtTheResumeTime() {
        for (int i = 0; i < 10; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        for (int waited = 0; waited < 10_000; waited += 100) {
            leg.clock.advanceMillis(100);
            leg.tick();
        }
        for (int i = 10; i < 13; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        short[] timeline = leg.finish();

        long resumedAt = (200 + 10_000) * 8;
        for (int i = 0; i < 3; i++) {
            assertBlock(timeline, resumedAt + 160L * i, 160, ulaw(code(10 + i)));
        }
        assertBlock(timeline, 1600, (int) (resumedAt - 1600), (short) 0);
        for (Append append : leg.sink.appends()) {
            assertThat(append.end() <= 1600 || append.position() >= resumedAt)
                    .as("the hold gap is not written: %s..%s", append.position(), append.end()).isTrue();
        }
        assertThat(leg.stats().ssrcChanges()).isZero();
    }

    @Test
    void timestampsRestartedBySameSsrcAreReanchoredContinuously() {
        for (int i = 0; i < 5; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        for (int i = 5; i < 8; i++) {
            leg.deliverAndWait(pcmu(i, 3_000_000_000L + 160L * i, code(i)), 20);
        }
        short[] timeline = leg.finish();

        assertThat(timeline).hasSize(1280);
        for (int i = 0; i < 8; i++) {
            assertBlock(timeline, 160L * i, 160, ulaw(code(i)));
        }
    }

    @Test
    void aLongSilenceWithRunningTimestampsKeepsItsLengthWithoutWritingTheGap() {
        for (int i = 0; i < 5; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        leg.clock.advanceMillis(3000);
        long resumeTimestamp = 3100 * 8;
        leg.deliver(pcmu(5, resumeTimestamp, code(5)));
        short[] timeline = leg.finish();

        assertBlock(timeline, resumeTimestamp, 160, ulaw(code(5)));
        assertThat(leg.sink.samplesAppended()).isEqualTo(6 * 160);
        assertThat(leg.stats().packetsLost()).isZero();
    }

    @Test
    void lossIsSummedOverSsrcs() {
        for (int i : new int[] {0, 2}) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        for (int i : new int[] {0, 3}) {
            leg.deliverAndWait(rtp().payloadType(0).ssrc(77).seq(i).ts(160L * i).payload(0x90, 160).build(), 20);
        }
        leg.finish();

        assertThat(leg.stats().packetsLost()).isEqualTo(1 + 2);
        assertThat(leg.stats().ssrcChanges()).isEqualTo(1);
    }
}
