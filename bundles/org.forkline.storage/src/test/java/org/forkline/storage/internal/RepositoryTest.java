package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.Recording;
import org.forkline.api.RecordingPage;
import org.forkline.api.RecordingQuery;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.api.storage.LegHandle;
import org.junit.jupiter.api.Test;

class RepositoryTest extends StorageFixture {

    private static final Instant BASE = Instant.parse("2025-01-10T08:00:00Z");

    /** Seals a short two-leg call that started {@code hours} after BASE. */
    private UUID call(StorageComponent storage, int hours, String near, String far) throws Exception {
        String refci = UUID.randomUUID().toString();
        LegHandle nearLeg = storage.openLeg(leg(LegDirection.NEAR, refci, near, far));
        LegHandle farLeg = storage.openLeg(leg(LegDirection.FAR, refci, near, far));
        long anchor = BASE.plusSeconds(3600L * hours).toEpochMilli() * 1000;
        nearLeg.sink().begin(8000, "PCMU", anchor);
        farLeg.sink().begin(8000, "PCMU", anchor);
        writeTone(nearLeg.sink(), 0, 700, 8000, 800);
        writeTone(farLeg.sink(), 0, 1300, 8000, 800);
        end(nearLeg);
        end(farLeg);
        return nearLeg.recordingId();
    }

    private List<UUID> sealedCalls(StorageComponent storage) throws Exception {
        List<UUID> ids = new ArrayList<>();
        ids.add(call(storage, 0, "1001", "5550001"));
        ids.add(call(storage, 1, "1002", "1001"));
        ids.add(call(storage, 2, "1001", "5550002"));
        ids.add(call(storage, 3, "1003", "5550003"));
        ids.add(call(storage, 4, "1001", "1001"));
        for (UUID id : ids) {
            awaitState(storage, id, RecordingState.SEALED);
        }
        return ids;
    }

    @Test
    void searchFiltersByTimeRangeAndNumberNewestFirstWithPaging() throws Exception {
        StorageComponent storage = start();
        List<UUID> ids = sealedCalls(storage);

        RecordingPage all = storage.search(new RecordingQuery(null, null, null, 0, 100));
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.items()).extracting(Recording::id).containsExactly(ids.get(4), ids.get(3), ids.get(2),
                ids.get(1), ids.get(0));
        assertThat(all.items()).allSatisfy(r -> assertThat(r.legs()).hasSize(2));

        RecordingPage window = storage.search(new RecordingQuery(BASE.plusSeconds(3600), BASE.plusSeconds(3 * 3600),
                null, 0, 100));
        assertThat(window.items()).extracting(Recording::id).containsExactly(ids.get(2), ids.get(1));

        RecordingPage byNumber = storage.search(new RecordingQuery(null, null, "1001", 0, 100));
        assertThat(byNumber.total()).isEqualTo(4);
        assertThat(byNumber.items()).extracting(Recording::id).containsExactly(ids.get(4), ids.get(2), ids.get(1),
                ids.get(0));

        RecordingPage secondPage = storage.search(new RecordingQuery(null, null, "1001", 2, 2));
        assertThat(secondPage.total()).isEqualTo(4);
        assertThat(secondPage.offset()).isEqualTo(2);
        assertThat(secondPage.items()).extracting(Recording::id).containsExactly(ids.get(1), ids.get(0));

        RecordingPage numberAndTime = storage.search(new RecordingQuery(BASE.plusSeconds(1800), null, "1001", 0, 1));
        assertThat(numberAndTime.total()).isEqualTo(3);
        assertThat(numberAndTime.items()).extracting(Recording::id).containsExactly(ids.get(4));

        assertThat(storage.search(new RecordingQuery(null, null, "' OR '1'='1", 0, 10)).total()).isZero();
    }

    @Test
    void findReturnsTheRecordingWithItsLegsAndNothingForUnknownIds() throws Exception {
        StorageComponent storage = start();
        UUID id = call(storage, 0, "1001", "2002");
        Recording recording = awaitState(storage, id, RecordingState.SEALED);

        assertThat(recording.legs()).hasSize(2);
        assertThat(recording.legs()).allSatisfy(leg -> {
            assertThat(leg.codec()).isEqualTo("PCMU");
            assertThat(leg.endedAt()).isNotNull();
            assertThat(leg.sipCallId()).endsWith("@cucm");
        });
        assertThat(recording.near().number()).isEqualTo("1001");
        assertThat(recording.far().number()).isEqualTo("2002");
        assertThat(recording.clusterId()).isEqualTo("Cluster1");
        assertThat(storage.find(UUID.randomUUID())).isEmpty();
        assertThat(storage.audio(UUID.randomUUID(), AudioFormat.WAV)).isEmpty();
    }

    @Test
    void audioIsEmptyUntilTheRecordingIsSealed() throws Exception {
        StorageComponent storage = start(java.util.Map.of("pairingWaitSeconds", 30));
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, "active-1", "1001", "2002"));

        assertThat(storage.audio(near.recordingId(), AudioFormat.OGG_OPUS)).isEmpty();
        assertThat(storage.audio(near.recordingId(), AudioFormat.WAV)).isEmpty();
    }

    @Test
    void wavHasTheRightHeaderAndAnyRangeMatchesTheFullOutput() throws Exception {
        StorageComponent storage = start();
        UUID id = call(storage, 0, "1001", "2002");
        awaitState(storage, id, RecordingState.SEALED);
        AudioContent wav = storage.audio(id, AudioFormat.WAV).orElseThrow();
        ByteArrayOutputStream fullOut = new ByteArrayOutputStream();
        wav.writeTo(0, wav.length(), fullOut);
        byte[] full = fullOut.toByteArray();

        assertThat(wav.format()).isEqualTo(AudioFormat.WAV);
        assertThat(full).hasSize((int) wav.length());
        assertThat(wav.length()).isEqualTo(44 + 800 * 4);
        ByteBuffer header = ByteBuffer.wrap(full, 0, 44).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(full, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(header.getInt(4)).isEqualTo(full.length - 8);
        assertThat(new String(full, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(header.getInt(16)).isEqualTo(16);
        assertThat(header.getShort(20)).isEqualTo((short) 1);
        assertThat(header.getShort(22)).isEqualTo((short) 2);
        assertThat(header.getInt(24)).isEqualTo(8000);
        assertThat(header.getInt(28)).isEqualTo(32000);
        assertThat(header.getShort(32)).isEqualTo((short) 4);
        assertThat(header.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(full, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        assertThat(header.getInt(40)).isEqualTo(800 * 4);

        long[][] ranges = {{0, 10}, {40, 10}, {44, 1}, {45, 3001}, {1000, 2000}, {wav.length() - 7, 7},
            {wav.length(), 0}, {3, 0}};
        for (long[] range : ranges) {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            wav.writeTo(range[0], range[1], part);
            assertThat(part.toByteArray()).as("range %d+%d", range[0], range[1])
                    .containsExactly(java.util.Arrays.copyOfRange(full, (int) range[0], (int) (range[0] + range[1])));
        }
        assertThatThrownBy(() -> wav.writeTo(wav.length() - 1, 2, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oggRangesAreTheStoredFileBytes() throws Exception {
        StorageComponent storage = start();
        UUID id = call(storage, 0, "1001", "2002");
        Recording recording = awaitState(storage, id, RecordingState.SEALED);
        AudioContent ogg = storage.audio(id, AudioFormat.OGG_OPUS).orElseThrow();
        byte[] stored = java.nio.file.Files.readAllBytes(dataDir.resolve("media/2025/01/10/" + id + ".opus"));

        assertThat(ogg.length()).isEqualTo(stored.length).isEqualTo(recording.sizeBytes());
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        ogg.writeTo(28, 100, part);
        assertThat(part.toByteArray()).containsExactly(java.util.Arrays.copyOfRange(stored, 28, 128));
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(stored))).isEqualTo(recording.sha256());
    }
}
