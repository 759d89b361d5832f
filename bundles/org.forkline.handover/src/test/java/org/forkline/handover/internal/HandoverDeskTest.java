package org.forkline.handover.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.forkline.api.handover.Relay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandoverDeskTest {

    private final HandoverDesk desk = new HandoverDesk(1);

    @AfterEach
    void close() {
        desk.close();
    }

    @Test
    void aParcelIsClaimedOnceAndNeverExpiresAfterThat() {
        AtomicInteger expired = new AtomicInteger();
        desk.park("sip", Map.of("legs", List.of("a", "b")), expired::incrementAndGet);

        assertThat(desk.claim("sip")).hasValueSatisfying(state -> assertThat(state).containsEntry("legs",
                List.of("a", "b")));
        assertThat(desk.claim("sip")).isEmpty();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(expired).hasValue(0));
    }

    @Test
    void anUnclaimedParcelExpiresAfterTheWindow() {
        AtomicInteger expired = new AtomicInteger();
        desk.park("rtp", Map.of(), expired::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(expired).hasValue(1));
        assertThat(desk.claim("rtp")).isEmpty();
    }

    @Test
    void parkingAgainExpiresThePreviousParcelAndClosingExpiresTheRest() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        desk.park("storage", Map.of("n", 1), first::incrementAndGet);
        desk.park("storage", Map.of("n", 2), second::incrementAndGet);
        assertThat(first).hasValue(1);

        desk.close();
        assertThat(second).hasValue(1);
    }

    @Test
    void parkingAfterTheServiceStoppedReleasesAtOnce() {
        AtomicInteger expired = new AtomicInteger();
        desk.close();
        desk.park("sip", Map.of(), expired::incrementAndGet);

        assertThat(expired).hasValue(1);
        assertThat(desk.claim("sip")).isEmpty();
    }

    @Test
    void aRelayQueuesVoidCallsWhileDetachedAndReplaysThemInOrder() {
        Relay<Consumer<String>> relay = consumerRelay(3);
        List<String> first = new CopyOnWriteArrayList<>();
        relay.attach(first::add);
        relay.proxy().accept("a");
        relay.detach();
        relay.proxy().accept("b");
        relay.proxy().accept("c");
        relay.proxy().accept("d");
        relay.proxy().accept("e");   // over capacity

        List<String> second = new ArrayList<>();
        relay.attach(second::add);
        relay.proxy().accept("f");

        assertThat(first).containsExactly("a");
        assertThat(second).containsExactly("b", "c", "d", "f");
        assertThat(relay.dropped()).isEqualTo(1);
    }

    @Test
    void aCallWithAResultNeedsATarget() {
        @SuppressWarnings("unchecked")
        Relay<Supplier<String>> relay = desk.relay((Class<Supplier<String>>) (Class<?>) Supplier.class, 10);
        assertThatThrownBy(() -> relay.proxy().get()).isInstanceOf(IllegalStateException.class);
        relay.attach(() -> "answer");
        assertThat(relay.proxy().get()).isEqualTo("answer");
        assertThat(relay.proxy()).isEqualTo(relay.proxy()).hasToString("relay of java.util.function.Supplier");
    }

    @SuppressWarnings("unchecked")
    private Relay<Consumer<String>> consumerRelay(int capacity) {
        return desk.relay((Class<Consumer<String>>) (Class<?>) Consumer.class, capacity);
    }
}
