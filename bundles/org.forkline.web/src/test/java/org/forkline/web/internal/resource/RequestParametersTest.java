package org.forkline.web.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.forkline.api.RecordingQuery;
import org.forkline.api.storage.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParametersTest {

    @Test
    void absentParametersGiveTheDefaults() {
        RecordingQuery query = RequestParameters.recordingQuery(null, "", null, null, " ");

        assertThat(query).isEqualTo(new RecordingQuery(null, null, null, 0, 50));
    }

    @Test
    void instantsMayUseZOrAnOffset() {
        assertThat(RequestParameters.instant("from", "2026-11-25T10:00:00Z"))
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(RequestParameters.instant("from", "2026-11-25T11:00:00+01:00"))
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(RequestParameters.instant("from", "2026-11-25T10:00:00.250Z"))
                .isEqualTo(Instant.parse("2026-11-25T10:00:00.250Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-25", "2026-11-25T10:00:00", "1764064800"})
    void otherTimeFormsAreRejectedNamingTheParameterAndTheForm(String value) {
        assertThatThrownBy(() -> RequestParameters.recordingQuery(null, value, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'to' must be an ISO-8601 instant such as 2026-11-25T10:00:00Z or "
                        + "2026-11-25T11:00:00+01:00, was '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-5", "ten", "1.5", "99999999999"})
    void theLimitMustBeOneToOneThousand(String limit) {
        assertThatThrownBy(() -> RequestParameters.recordingQuery(null, null, null, null, limit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'limit' must be a whole number from 1 to 1000, was '" + limit + "'");
    }

    @Test
    void limitAndOffsetAcceptTheirBounds() {
        assertThat(RequestParameters.recordingQuery(null, null, null, "0", "1000").limit()).isEqualTo(1000);
        assertThat(RequestParameters.recordingQuery(null, null, null, "2147483647", "1").offset())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theOffsetMustNotBeNegative() {
        assertThatThrownBy(() -> RequestParameters.recordingQuery(null, null, null, "-1", null))
                .hasMessage("parameter 'offset' must be a whole number of 0 or more, was '-1'");
    }

    @Test
    void numbersAreCheckedLikeRecordingUsers() {
        assertThat(RequestParameters.recordingQuery(null, null, " +41#1_2.3*-x ", null, null).number())
                .isEqualTo("+41#1_2.3*-x");
        assertThatThrownBy(() -> RequestParameters.number("number", "12 34"))
                .hasMessageStartingWith("parameter 'number': invalid number '12 34'");
        assertThatThrownBy(() -> RequestParameters.number("number", "1".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromAfterToIsRejected() {
        assertThatThrownBy(() -> RequestParameters.recordingQuery("2026-11-26T00:00:00Z", "2026-11-25T00:00:00Z",
                null, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is after");
    }

    @Test
    void recordingIdsMustBeCanonicalUuids() {
        UUID id = UUID.randomUUID();
        assertThat(RequestParameters.recordingId(id.toString())).isEqualTo(id);
        assertThat(RequestParameters.recordingId(id.toString().toUpperCase())).isEqualTo(id);
        assertThatThrownBy(() -> RequestParameters.recordingId("1-1-1-1-1"))
                .hasMessageStartingWith("'1-1-1-1-1' is not a recording id: expected a UUID");
        assertThatThrownBy(() -> RequestParameters.recordingId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAudioFormatIsOpusByDefaultOrWav() {
        assertThat(RequestParameters.audioFormat(null)).isEqualTo(AudioFormat.OGG_OPUS);
        assertThat(RequestParameters.audioFormat("OPUS")).isEqualTo(AudioFormat.OGG_OPUS);
        assertThat(RequestParameters.audioFormat("wav")).isEqualTo(AudioFormat.WAV);
        assertThatThrownBy(() -> RequestParameters.audioFormat("mp3"))
                .hasMessage("parameter 'format' must be opus or wav, was 'mp3'");
    }
}
