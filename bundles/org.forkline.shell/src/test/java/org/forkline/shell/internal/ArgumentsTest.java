package org.forkline.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.forkline.api.RecordingQuery;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void buildsTheQueryFromTheOptions() {
        RecordingQuery query = Arguments.recordingQuery("2026-11-25T11:00:00+01:00", "2026-11-26T00:00:00Z", " 1001 ",
                40, 20);

        assertThat(query).isEqualTo(new RecordingQuery(Instant.parse("2026-11-25T10:00:00Z"),
                Instant.parse("2026-11-26T00:00:00Z"), "1001", 40, 20));
    }

    @Test
    void absentOptionsDoNotFilter() {
        assertThat(Arguments.recordingQuery(null, " ", null, 0, 20))
                .isEqualTo(new RecordingQuery(null, null, null, 0, 20));
    }

    @Test
    void aBadInstantNamesTheOptionAndTheForm() {
        assertThatThrownBy(() -> Arguments.recordingQuery("yesterday", null, null, 0, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--from must be an ISO-8601 instant such as 2026-11-25T10:00:00Z or "
                        + "2026-11-25T11:00:00+01:00, was 'yesterday'");
    }

    @Test
    void limitOffsetAndOrderAreChecked() {
        assertThatThrownBy(() -> Arguments.recordingQuery(null, null, null, 0, 0))
                .hasMessage("--limit must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> Arguments.recordingQuery(null, null, null, -1, 20))
                .hasMessage("--offset must be 0 or more, was -1");
        assertThatThrownBy(() -> Arguments.recordingQuery("2026-11-26T00:00:00Z", "2026-11-25T00:00:00Z", null, 0,
                20)).hasMessage("--from 2026-11-26T00:00:00Z is after --to 2026-11-25T00:00:00Z");
    }

    @Test
    void numbersAreCheckedLikeRecordingUsers() {
        assertThatThrownBy(() -> Arguments.recordingQuery(null, null, "12 34", 0, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid number '12 34'");
    }

    @Test
    void recordingIdsMustBeUuids() {
        UUID id = UUID.randomUUID();
        assertThat(Arguments.recordingId(" " + id + " ")).isEqualTo(id);
        assertThatThrownBy(() -> Arguments.recordingId("42"))
                .hasMessageStartingWith("'42' is not a recording id: expected a UUID");
    }
}
