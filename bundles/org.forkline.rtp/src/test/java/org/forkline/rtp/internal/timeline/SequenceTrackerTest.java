package org.forkline.rtp.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void countsNoLossForAnUnbrokenRun() {
        for (int seq = 100; seq < 200; seq++) {
            assertThat(tracker.accept(seq)).isTrue();
        }
        assertThat(tracker.lost()).isZero();
        assertThat(tracker.highest()).isEqualTo(199);
    }

    @Test
    void spotsDuplicatesInsideTheWindow() {
        tracker.accept(10);
        tracker.accept(11);
        tracker.accept(13);

        assertThat(tracker.accept(11)).isFalse();
        assertThat(tracker.accept(13)).isFalse();
        assertThat(tracker.accept(12)).isTrue();
        assertThat(tracker.accept(12)).isFalse();
        assertThat(tracker.lost()).isZero();
    }

    @Test
    void countsGapsAsLostUntilTheyArrive() {
        tracker.accept(1);
        tracker.accept(5);
        assertThat(tracker.lost()).isEqualTo(3);

        tracker.accept(3);
        assertThat(tracker.lost()).isEqualTo(2);
    }

    @Test
    void extendsAcrossTheSixteenBitWrap() {
        tracker.accept(65534);
        tracker.accept(65535);
        tracker.accept(0);
        tracker.accept(2);

        assertThat(tracker.highest()).isEqualTo(65536 + 2);
        assertThat(tracker.lost()).isEqualTo(1);
        assertThat(tracker.accept(65535)).as("duplicate from before the wrap").isFalse();
    }

    @Test
    void aPacketArrivingBeforeTheFirstExtendsTheExpectedRange() {
        tracker.accept(50);
        tracker.accept(49);
        tracker.accept(51);

        assertThat(tracker.lost()).isZero();
    }

    @Test
    void treatsAHugeJumpAsARestartedSequenceNotAsLoss() {
        tracker.accept(1);
        tracker.accept(2);
        tracker.accept(40000);
        tracker.accept(40001);

        assertThat(tracker.lost()).isZero();
        assertThat(tracker.accept(40001)).isFalse();
    }
}
