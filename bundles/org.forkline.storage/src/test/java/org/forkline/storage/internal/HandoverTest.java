package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.Recording;
import org.forkline.api.RecordingLeg;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.PcmSink;
import org.forkline.api.storage.StorageUnavailableException;
import org.forkline.handover.internal.HandoverDesk;
import org.forkline.storage.internal.testing.Signals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live legs going on across a restart of the media bundle (same storage) or of storage itself. */
class HandoverTest extends StorageFixture {

    private static final long ANCHOR = Instant.parse("2025-07-08T09:10:11Z").toEpochMilli() * 1000;
    private static final Map<String, Object> LONG_PAIRING = Map.of("pairingWaitSeconds", 30);

    private HandoverDesk desk;

    @AfterEach
    void closeDesk() {
        stopComponents();   // before the desk, as in the framework: storage parks into a running desk
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void aLegResumedInTheSameActivationGoesOnAtItsPlaceOnTheTimeline() throws Exception {
        StorageComponent storage = start(LONG_PAIRING);
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "ho-1", "1001", "2002"));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, "ho-1", "1001", "2002"));
        PcmSink firstSink = near.sink();
        firstSink.begin(8000, "PCMU", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(firstSink, 0, 700, 8000, 8000);
        firstSink.close();   // the media bundle stopped: its session closed the sink

        LegHandle resumed = storage.resumeLeg(near.legId());
        // The new session's first packet is heard 2 s after the leg's: 1 s of silence between the two parts.
        resumed.sink().begin(8000, "PCMU", ANCHOR + 2_000_000);
        writeTone(resumed.sink(), 0, 700, 8000, 8000);
        writeTone(far.sink(), 0, 1300, 8000, 24000);
        end(resumed);
        end(far);

        assertThat(resumed.legId()).isEqualTo(near.legId());
        assertThat(resumed.recordingId()).isEqualTo(near.recordingId());
        assertThat(resumed.sink()).isNotSameAs(firstSink);
        Recording recording = awaitState(storage, near.recordingId(), RecordingState.SEALED);
        assertThat(recording.durationMillis()).isEqualTo(3000);
        assertThat(recording.recovered()).isFalse();
        short[] pcm = wavSamples(storage, near.recordingId());
        assertTwoPartsWithAGap(pcm);
        assertThat(Signals.dominanceDb(pcm, 2 * 8400 + 1, 7200, 2, 1300, 700, 8000)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aStorageRestartHandsTheLiveLegOverAndItsPartnerStillJoinsTheSameRecording() throws Exception {
        desk = new HandoverDesk(30);
        StorageComponent first = start(LONG_PAIRING, desk);
        LegMetadata nearMetadata = leg(LegDirection.NEAR, "ho-2", "1001", "2002");
        LegHandle near = first.openLeg(nearMetadata);
        PcmSink oldSink = near.sink();
        oldSink.begin(8000, "PCMU", ANCHOR);
        writeTone(oldSink, 0, 700, 8000, 8000);

        stop(first);
        // The RTP session still holds the old sink until the leg is resumed: its audio is kept, not failed.
        oldSink.append(8000, Signals.tone(700, 8000, 160, -12), 0, 160);
        oldSink.flush();
        StorageComponent second = start(LONG_PAIRING, desk);

        assertThat(second.find(near.recordingId()).orElseThrow().state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(second.isActive(nearMetadata.pairKey())).isTrue();
        assertThat(second.health().activeRecordings()).isEqualTo(1);
        LegHandle far = second.openLeg(leg(LegDirection.FAR, "ho-2", "1001", "2002"));
        assertThat(far.recordingId()).isEqualTo(near.recordingId());

        LegHandle resumed = second.resumeLeg(near.legId());
        resumed.sink().begin(8000, "PCMU", ANCHOR + 2_000_000);
        writeTone(resumed.sink(), 0, 700, 8000, 8000);
        far.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(far.sink(), 0, 1300, 8000, 24000);
        oldSink.close();
        end(resumed);
        assertThat(second.isActive(nearMetadata.pairKey())).isTrue();
        end(far);

        Recording recording = awaitState(second, near.recordingId(), RecordingState.SEALED);
        assertThat(recording.orphan()).isFalse();
        assertThat(recording.recovered()).isFalse();
        assertThat(recording.durationMillis()).isEqualTo(3000);
        assertThat(recording.legs()).extracting(RecordingLeg::endReason).containsOnly("BYE");
        assertThat(second.isActive(nearMetadata.pairKey())).isFalse();
        short[] pcm = wavSamples(second, near.recordingId());
        assertTwoPartsWithAGap(pcm);
        assertThat(Signals.dominanceDb(pcm, 2 * 8400 + 1, 7200, 2, 1300, 700, 8000)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aLegWhosePartnerEndedBeforeTheRestartKeepsTheRecordingPairedAcrossIt() throws Exception {
        desk = new HandoverDesk(30);
        StorageComponent first = start(LONG_PAIRING, desk);
        LegMetadata nearMetadata = leg(LegDirection.NEAR, "ho-3", "1001", "2002");
        LegHandle near = first.openLeg(nearMetadata);
        LegHandle far = first.openLeg(leg(LegDirection.FAR, "ho-3", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 8000);
        writeTone(far.sink(), 0, 1300, 8000, 8000);
        end(far);

        stop(first);
        StorageComponent second = start(LONG_PAIRING, desk);
        LegHandle resumed = second.resumeLeg(near.legId());
        LegHandle laterFar = second.openLeg(leg(LegDirection.FAR, "ho-3", "1001", "2002"));
        resumed.sink().begin(8000, "PCMU", ANCHOR + 2_000_000);
        writeTone(resumed.sink(), 0, 700, 8000, 8000);
        end(resumed);

        assertThat(laterFar.recordingId()).as("the far side is taken: a new far leg starts its own recording")
                .isNotEqualTo(near.recordingId());
        Recording recording = awaitState(second, near.recordingId(), RecordingState.SEALED);
        assertThat(recording.orphan()).isFalse();
        assertThat(recording.legs()).hasSize(2).extracting(RecordingLeg::endReason).containsOnly("BYE");
        short[] pcm = wavSamples(second, near.recordingId());
        assertTwoPartsWithAGap(pcm);
        assertThat(Signals.dominanceDb(pcm, 2 * 400 + 1, 7200, 2, 1300, 700, 8000)).as("far, before its end")
                .isGreaterThanOrEqualTo(20);
        assertThat(Signals.rmsDbfs(pcm, 2 * 8400 + 1, 7200, 2)).as("far, after its end").isLessThan(-50);
        assertThatThrownBy(() -> second.resumeLeg(far.legId())).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aHandedOverLegNobodyResumesIsSealedAfterTheWindow() throws Exception {
        desk = new HandoverDesk(1);
        StorageComponent first = start(LONG_PAIRING, desk);
        LegHandle near = first.openLeg(leg(LegDirection.NEAR, "ho-4", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 8000);
        stop(first);

        StorageComponent second = start(LONG_PAIRING, desk);
        assertThat(second.find(near.recordingId()).orElseThrow().state()).isEqualTo(RecordingState.ACTIVE);

        Recording recording = awaitState(second, near.recordingId(), RecordingState.SEALED);
        assertThat(recording.recovered()).isTrue();
        assertThat(recording.durationMillis()).isEqualTo(1000);
        assertThat(recording.legs()).extracting(RecordingLeg::endReason).containsOnly("RECOVERED");
        assertThatThrownBy(() -> second.resumeLeg(near.legId())).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void withoutTheHandoverServiceAStopLeavesTheLegsToRecoveryAsBefore() throws Exception {
        StorageComponent first = start(LONG_PAIRING);
        LegHandle near = first.openLeg(leg(LegDirection.NEAR, "ho-5", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 8000);
        stop(first);

        assertThatThrownBy(() -> near.sink().append(8000, new short[160], 0, 160))
                .as("a closed sink still fails: the framework or storage really stops").hasMessageContaining("closed");
        desk = new HandoverDesk(30);
        StorageComponent second = start(LONG_PAIRING, desk);
        Recording recording = awaitState(second, near.recordingId(), RecordingState.SEALED);
        assertThat(recording.recovered()).isTrue();
        assertThatThrownBy(() -> second.resumeLeg(near.legId())).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("unknown");
    }

    @Test
    void aLegNotYetResumedIsHandedOverAgainByASecondRestart() throws Exception {
        desk = new HandoverDesk(30);
        StorageComponent first = start(LONG_PAIRING, desk);
        LegHandle near = first.openLeg(leg(LegDirection.NEAR, "ho-7", "1001", "2002"));
        LegHandle far = first.openLeg(leg(LegDirection.FAR, "ho-7", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 8000);
        writeTone(far.sink(), 0, 1300, 8000, 8000);
        stop(first);
        StorageComponent second = start(LONG_PAIRING, desk);
        LegHandle farResumed = second.resumeLeg(far.legId());
        farResumed.sink().begin(8000, "PCMU", ANCHOR + 1_000_000);
        writeTone(farResumed.sink(), 0, 1300, 8000, 8000);

        stop(second);
        StorageComponent third = start(LONG_PAIRING, desk);
        LegHandle nearResumed = third.resumeLeg(near.legId());
        farResumed = third.resumeLeg(far.legId());
        nearResumed.sink().begin(8000, "PCMU", ANCHOR + 2_000_000);
        writeTone(nearResumed.sink(), 0, 700, 8000, 8000);
        farResumed.sink().begin(8000, "PCMU", ANCHOR + 2_000_000);
        writeTone(farResumed.sink(), 0, 1300, 8000, 8000);
        end(nearResumed);
        end(farResumed);

        Recording recording = awaitState(third, near.recordingId(), RecordingState.SEALED);
        assertThat(recording.recovered()).isFalse();
        assertThat(recording.orphan()).isFalse();
        short[] pcm = wavSamples(third, near.recordingId());
        assertTwoPartsWithAGap(pcm);
        assertThat(Signals.dominanceDb(pcm, 2 * 8400 + 1, 7200, 2, 1300, 700, 8000)).isGreaterThanOrEqualTo(20);
        assertThat(Signals.rmsDbfs(pcm, 2 * 16400 + 1, 7200, 2)).as("far, last part").isGreaterThan(-30);
    }

    @Test
    void whenTheFrameworkStopsNothingIsHandedOverAndRecoverySealsTheLegs() throws Exception {
        desk = new HandoverDesk(30);
        StorageComponent first = start(LONG_PAIRING, desk, () -> true);
        LegHandle near = first.openLeg(leg(LegDirection.NEAR, "ho-8", "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 8000);
        stop(first);

        assertThat(desk.claim("org.forkline.storage")).isEmpty();
        StorageComponent second = start(LONG_PAIRING, desk);
        assertThat(awaitState(second, near.recordingId(), RecordingState.SEALED).recovered()).isTrue();
    }

    @Test
    void resumingAnUnknownOrEndedLegIsRefusedWithTheReason() throws Exception {
        StorageComponent storage = start(LONG_PAIRING);
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "ho-6", "1001", "2002"));
        storage.openLeg(leg(LegDirection.FAR, "ho-6", "1001", "2002"));
        end(near);
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> storage.resumeLeg(unknown)).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining(unknown.toString()).hasMessageContaining("unknown");
        assertThatThrownBy(() -> storage.resumeLeg(near.legId())).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining(near.legId().toString()).hasMessageContaining("has ended");
    }

    /** Near channel: tone 0-1 s, silence 1-2 s, tone 2-3 s. */
    private static void assertTwoPartsWithAGap(short[] pcm) {
        assertThat(pcm.length / 2).isEqualTo(24000);
        assertThat(Signals.rmsDbfs(pcm, 2 * 400, 7200, 2)).as("near, first part").isGreaterThan(-30);
        assertThat(Signals.rmsDbfs(pcm, 2 * 8400, 7200, 2)).as("near, between the parts").isLessThan(-50);
        assertThat(Signals.rmsDbfs(pcm, 2 * 15760, 160, 2)).as("near, just before 2 s").isLessThan(-50);
        assertThat(Signals.rmsDbfs(pcm, 2 * 16080, 160, 2)).as("near, just after 2 s").isGreaterThan(-30);
        assertThat(Signals.dominanceDb(pcm, 2 * 16400, 7200, 2, 700, 1300, 8000)).isGreaterThanOrEqualTo(20);
    }
}
