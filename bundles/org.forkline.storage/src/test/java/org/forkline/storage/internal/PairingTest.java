package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.Party;
import org.forkline.api.Recording;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.LegHandle;
import org.junit.jupiter.api.Test;

class PairingTest extends StorageFixture {

    @Test
    void nearAndFarLegsWithTheSamePairKeyMakeOneRecording() throws Exception {
        StorageComponent storage = start(Map.of("pairingWaitSeconds", 30));
        LegMetadata nearMetadata = leg(LegDirection.NEAR, "pair-1", "1001", "2002");
        LegHandle near = storage.openLeg(nearMetadata);
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "PAIR-1", "1001", "2002"));

        assertThat(far.recordingId()).isEqualTo(near.recordingId());
        assertThat(far.legId()).isNotEqualTo(near.legId());
        assertThat(storage.isActive(nearMetadata.pairKey())).isTrue();
        assertThat(storage.health().activeRecordings()).isEqualTo(1);
        Recording active = storage.find(near.recordingId()).orElseThrow();
        assertThat(active.state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(active.legs()).extracting(l -> l.direction()).containsExactlyInAnyOrder(LegDirection.NEAR,
                LegDirection.FAR);
        assertThat(active.near()).isEqualTo(new Party("1001", "SEP0011", "Near 1001"));

        end(near);
        assertThat(storage.isActive(nearMetadata.pairKey())).isTrue();
        end(far);
        assertThat(storage.isActive(nearMetadata.pairKey())).isFalse();
        Recording sealed = awaitState(storage, near.recordingId(), RecordingState.SEALED);
        assertThat(sealed.orphan()).isFalse();
        assertThat(sealed.legs()).allSatisfy(leg -> {
            assertThat(leg.endReason()).isEqualTo("BYE");
            assertThat(leg.stats().packetsReceived()).isEqualTo(100);
        });
    }

    @Test
    void theSameDirectionTwiceMakesTwoRecordings() throws Exception {
        StorageComponent storage = start(Map.of("pairingWaitSeconds", 30));
        LegHandle first = storage.openLeg(leg(LegDirection.NEAR, "pair-2", "1001", "2002"));
        LegHandle second = storage.openLeg(leg(LegDirection.NEAR, "pair-2", "1001", "2002"));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "pair-2", "1001", "2002"));

        assertThat(second.recordingId()).isNotEqualTo(first.recordingId());
        assertThat(far.recordingId()).isEqualTo(first.recordingId());
        assertThat(storage.health().activeRecordings()).isEqualTo(2);
    }

    @Test
    void aPartnerAfterThePairingWaitGetsARecordingOfItsOwn() throws Exception {
        StorageComponent storage = start(Map.of("pairingWaitSeconds", 1));
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "pair-3", "1001", "2002"));
        end(near);
        Recording orphan = awaitState(storage, near.recordingId(), RecordingState.SEALED);

        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "pair-3", "1001", "2002"));

        assertThat(orphan.orphan()).isTrue();
        assertThat(far.recordingId()).isNotEqualTo(near.recordingId());
    }

    @Test
    void aLatePartnerWithinThePairingWaitJoinsTheEndedLeg() throws Exception {
        StorageComponent storage = start(Map.of("pairingWaitSeconds", 30));
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "pair-4", "1001", "2002"));
        end(near);
        assertThat(storage.find(near.recordingId()).orElseThrow().state()).isEqualTo(RecordingState.ACTIVE);

        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "pair-4", "1001", "2002"));
        assertThat(far.recordingId()).isEqualTo(near.recordingId());
        end(far);

        Recording sealed = awaitState(storage, near.recordingId(), RecordingState.SEALED);
        assertThat(sealed.orphan()).isFalse();
        assertThat(sealed.legs()).hasSize(2);
    }

    @Test
    void aSingleEndedLegWaitsForThePairingWaitBeforeSealing() throws Exception {
        StorageComponent storage = start(Map.of("pairingWaitSeconds", 2));
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "pair-5", "1001", "2002"));
        long started = System.nanoTime();
        end(near);

        awaitState(storage, near.recordingId(), RecordingState.SEALED);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1500));
    }

    @Test
    void anUpdateAfterATransferReplacesTheFarParty() throws Exception {
        StorageComponent storage = start(Map.of("pairingWaitSeconds", 30));
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "pair-6", "1001", "2002"));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "pair-6", "1001", "2002"));
        near.mediaNegotiated("PCMU", "10.0.0.5:20000");
        near.updateMetadata(leg(LegDirection.NEAR, "pair-6", "1001", "3003"));

        Recording recording = storage.find(near.recordingId()).orElseThrow();
        assertThat(recording.far().number()).isEqualTo("3003");
        assertThat(recording.legs()).filteredOn(l -> l.direction() == LegDirection.NEAR).singleElement()
                .satisfies(l -> assertThat(l.remoteAddress()).isEqualTo("10.0.0.5:20000"));

        end(near);
        end(far);
        near.end("BYE", null);
        Recording sealed = awaitState(storage, near.recordingId(), RecordingState.SEALED);
        assertThat(sealed.far().number()).isEqualTo("3003");
    }

    @Test
    void legsEndedWhileStoppingAreLeftForRecovery() throws Exception {
        StorageComponent storage = start(Map.of("pairingWaitSeconds", 30));
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "pair-7", "1001", "2002"));
        near.sink().begin(8000, "PCMU", 1_000_000);
        writeTone(near.sink(), 0, 700, 8000, 800);
        stop(storage);
        near.end("BYE", null);

        StorageComponent restarted = start(Map.of("pairingWaitSeconds", 30));
        await().atMost(Duration.ofSeconds(30)).until(() -> restarted.find(near.recordingId()).orElseThrow().state()
                == RecordingState.SEALED);
        assertThat(restarted.find(near.recordingId()).orElseThrow().durationMillis()).isEqualTo(100);
    }
}
