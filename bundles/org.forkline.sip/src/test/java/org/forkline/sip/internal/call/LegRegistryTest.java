package org.forkline.sip.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.junit.jupiter.api.Test;

class LegRegistryTest {

    private final LegRegistry registry = new LegRegistry();

    private Leg tracked(String callId, String refci, LegDirection direction) {
        Leg leg = new Leg(callId, "t-" + callId, null, "udp");
        leg.metadata(new LegMetadata(direction, "C1", refci, null, null, null, null, null, null, callId, null));
        assertThat(registry.track(leg)).isTrue();
        return leg;
    }

    @Test
    void trackedLegsDoNotCountUntilAdmitted() {
        Leg leg = tracked("a", "1", LegDirection.NEAR);

        assertThat(registry.activeLegs()).isZero();
        assertThat(registry.find(leg.key())).isSameAs(leg);

        registry.admit(leg, leg.metadata().pairKey(), 5, false);
        assertThat(registry.activeLegs()).isEqualTo(1);
        assertThat(registry.activeCalls()).isEqualTo(1);
    }

    @Test
    void bothLegsOfACallAreOneCall() {
        Leg near = tracked("a", "1", LegDirection.NEAR);
        Leg far = tracked("b", "1", LegDirection.FAR);

        registry.admit(near, near.metadata().pairKey(), 1, false);
        assertThat(registry.admit(far, far.metadata().pairKey(), 1, false)).isEqualTo(LegRegistry.Admission.ADMITTED);

        assertThat(registry.activeCalls()).isEqualTo(1);
        assertThat(registry.activeLegs()).isEqualTo(2);
        registry.remove(near);
        assertThat(registry.activeCalls()).isEqualTo(1);
        registry.remove(far);
        assertThat(registry.activeCalls()).isZero();
        assertThat(registry.isEmpty()).isTrue();
    }

    @Test
    void aNewCallBeyondTheLimitIsRefusedUnlessStorageKnowsIt() {
        Leg first = tracked("a", "1", LegDirection.NEAR);
        Leg second = tracked("b", "2", LegDirection.NEAR);
        registry.admit(first, first.metadata().pairKey(), 1, false);

        assertThat(registry.admit(second, second.metadata().pairKey(), 1, false))
                .isEqualTo(LegRegistry.Admission.CHANNEL_LIMIT);
        assertThat(registry.admit(second, second.metadata().pairKey(), 1, true))
                .isEqualTo(LegRegistry.Admission.ADMITTED);
    }

    @Test
    void removalIsIdempotentAndCountsSurviveAMetadataChange() {
        Leg leg = tracked("a", "1", LegDirection.NEAR);
        registry.admit(leg, leg.metadata().pairKey(), 5, false);
        leg.metadata(new LegMetadata(LegDirection.NEAR, "C1", "other", null, null, null, null, null, null, "a", null));

        registry.remove(leg);
        registry.remove(leg);

        assertThat(registry.activeCalls()).isZero();
        assertThat(registry.activeLegs()).isZero();
        assertThat(registry.find(leg.key())).isNull();
    }

    @Test
    void aSecondInviteWithTheSameCallIdAndTagIsNotTracked() {
        tracked("a", "1", LegDirection.NEAR);

        assertThat(registry.track(new Leg("a", "t-a", null, "udp"))).isFalse();
    }
}
