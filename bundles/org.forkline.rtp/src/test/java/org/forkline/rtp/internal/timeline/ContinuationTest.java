package org.forkline.rtp.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContinuationTest {

    private static final Continuation.Source CURRENT = new Continuation.Source(0xFEDC_BA98, 70_123L,
            -5_000_000_000L, true, 8000, 4_294_967_000L, 1_600L, -9_000_000_000L);
    private static final Continuation.Source PREVIOUS = new Continuation.Source(7, 65_536L, 0, false, 0, 0, 0, 0);

    @Test
    void encodesAndDecodesTheStateOfAReceiverWithNoneOneOrTwoSenders() {
        for (List<Continuation.Source> sources : List.of(List.<Continuation.Source>of(), List.of(CURRENT),
                List.of(CURRENT, PREVIOUS))) {
            Continuation state = new Continuation(16000, 1_700_000_000_123_456L, -1_234_567_890L, 48_000L,
                    Long.MAX_VALUE - 1, sources);

            long[] encoded = state.encode();

            assertThat(encoded).hasSize(7 + 9 * sources.size());
            assertThat(Continuation.decode(encoded)).contains(state);
        }
    }

    @Test
    void anythingElseIsNotAContinuation() {
        long[] good = new Continuation(8000, 1L, 2L, 3L, 4L, List.of(CURRENT, PREVIOUS)).encode();

        assertThat(Continuation.decode(null)).isEmpty();
        assertThat(Continuation.decode("state")).isEmpty();
        assertThat(Continuation.decode(new int[] {1, 2, 3})).isEmpty();
        assertThat(Continuation.decode(new long[0])).isEmpty();
        assertThat(Continuation.decode(Arrays.copyOf(good, good.length - 1))).as("truncated").isEmpty();
        assertThat(Continuation.decode(Arrays.copyOf(good, good.length + 1))).as("too long").isEmpty();
        assertThat(Continuation.decode(with(good, 0, Continuation.VERSION + 1))).as("another version").isEmpty();
        assertThat(Continuation.decode(with(good, 1, 0))).as("no sink rate").isEmpty();
        assertThat(Continuation.decode(with(good, 4, -1))).as("negative end").isEmpty();
        assertThat(Continuation.decode(with(good, 6, 3))).as("source count").isEmpty();
        assertThat(Continuation.decode(with(good, 7 + 4, 0))).as("anchored without a clock rate").isEmpty();
    }

    @Test
    void holdsAtMostTheCurrentAndThePreviousSender() {
        assertThatThrownBy(() -> new Continuation(8000, 1, 2, 3, 4, List.of(CURRENT, PREVIOUS, CURRENT)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] with(long[] encoded, int index, long value) {
        long[] copy = encoded.clone();
        copy[index] = value;
        return copy;
    }
}
