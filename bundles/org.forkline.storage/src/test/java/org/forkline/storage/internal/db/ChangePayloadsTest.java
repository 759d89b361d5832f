package org.forkline.storage.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.RecordingState;
import org.forkline.api.RecordingUser;
import org.junit.jupiter.api.Test;

class ChangePayloadsTest {

    @Test
    void aSealedRecordingSurvivesTheTextWithNullsAndEscapes() {
        UUID id = UUID.randomUUID();
        Instant start = Instant.parse("2026-11-25T10:00:00.123Z");
        RecordingRow row = new RecordingRow(id, "c1/42", "c1", "42", RecordingState.SEALED, start,
                start.plusMillis(5000), 5000, new Party("1001", "SEP1", "Ann\\nLine=2\nthird"),
                new Party(null, null, null), "PCMU", 8000, "node1", true, false, 1234, "ab".repeat(32),
                "media/2026/11/25/" + id + ".opus");
        List<LegRow> legs = List.of(new LegRow(UUID.randomUUID(), id, LegDirection.NEAR, "call@cucm", start, null,
                null, "10.0.0.1:4000", "BYE", new MediaStats(1, 2, 3, 4, 5, 6, 7, 8, 9), Map.of()));

        ChangePayloads.SealedRecording back = ChangePayloads.recording(ChangePayloads.recording(row, legs));

        assertThat(back.recording()).isEqualTo(row);
        assertThat(back.legs()).isEqualTo(legs);
    }

    @Test
    void aUserSurvivesTheText() {
        RecordingUser user = new RecordingUser("+49#1", "Front desk\r\nB", false);

        assertThat(ChangePayloads.user(ChangePayloads.user(user))).isEqualTo(user);
        assertThat(ChangePayloads.user(ChangePayloads.user(new RecordingUser("1", null, true))))
                .isEqualTo(new RecordingUser("1", null, true));
    }
}
