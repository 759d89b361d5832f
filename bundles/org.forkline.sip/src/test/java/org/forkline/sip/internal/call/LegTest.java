package org.forkline.sip.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class LegTest {

    @Test
    void anInviteIsAnsweredOrAbortedOrRejectedExactlyOnce() {
        Leg cancelled = new Leg("c", "t", null, "udp");
        assertThat(cancelled.abort("CANCEL", true)).isTrue();
        assertThat(cancelled.abort("SHUTDOWN", false)).isFalse();
        assertThat(cancelled.answer()).isFalse();
        assertThat(cancelled.reject()).as("the CANCEL already answered 487").isFalse();
        assertThat(cancelled.abortReason()).isEqualTo("CANCEL");

        Leg answered = new Leg("c", "t", null, "udp");
        assertThat(answered.answer()).isTrue();
        assertThat(answered.abort("CANCEL", true)).isFalse();
        assertThat(answered.abortReason()).isNull();
        assertThat(answered.isAnswered()).isTrue();
        assertThat(answered.confirm()).isTrue();
        assertThat(answered.state()).isEqualTo(Leg.State.CONFIRMED);
    }

    @Test
    void anAbortThatLeftTheAnswerToTheInviteThreadLetsItRejectOnce() {
        Leg leg = new Leg("c", "t", null, "udp");
        assertThat(leg.abort("SHUTDOWN", false)).isTrue();

        assertThat(leg.reject()).isTrue();
        assertThat(leg.reject()).isFalse();
        assertThat(leg.state()).isEqualTo(Leg.State.ABORTED);
        assertThat(leg.abortReason()).isEqualTo("SHUTDOWN");
    }

    @Test
    void aRejectedInviteCanNeitherBeAnsweredNorAborted() {
        Leg leg = new Leg("c", "t", null, "udp");
        assertThat(leg.reject()).isTrue();

        assertThat(leg.answer()).isFalse();
        assertThat(leg.abort("CANCEL", true)).isFalse();
        assertThat(leg.end()).isFalse();
    }

    @Test
    void onlyOneOfManyConcurrentEndersWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                Leg leg = new Leg("c" + round, "t", null, "udp");
                leg.answer();
                AtomicInteger winners = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(8);
                for (int i = 0; i < 8; i++) {
                    pool.execute(() -> {
                        try {
                            start.await();
                            if (leg.end()) {
                                winners.incrementAndGet();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            done.countDown();
                        }
                    });
                }
                start.countDown();
                assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(winners.get()).isEqualTo(1);
                assertThat(leg.state()).isEqualTo(Leg.State.ENDED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sdpVersionsIncreaseAndNegotiationChangesAreDetected() {
        Leg leg = new Leg("c", "t", null, "udp");

        assertThat(leg.nextSdpVersion()).isLessThan(leg.nextSdpVersion());
        assertThat(leg.negotiated("PCMU", "10.0.0.1:4000")).isTrue();
        assertThat(leg.negotiated("PCMU", "10.0.0.1:4000")).isFalse();
        assertThat(leg.negotiated("PCMA", "10.0.0.1:4000")).isTrue();
    }
}
