package org.forkline.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.shell.internal.testing.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({"0, 0:00:00", "999, 0:00:00", "83000, 0:01:23", "3723400, 1:02:03", "43205000, 12:00:05",
            "360000000, 100:00:00", "-5, 0:00:00"})
    void durationsAreHoursMinutesSeconds(long millis, String expected) {
        assertThat(Formats.duration(millis)).isEqualTo(expected);
    }

    @Test
    void anActiveRecordingHasNoDurationYet() {
        assertThat(Formats.duration(Recordings.active(UUID.randomUUID(), Instant.EPOCH, "1"))).isEqualTo("-");
        assertThat(Formats.duration(Recordings.sealed(UUID.randomUUID(), Instant.EPOCH, "1"))).isEqualTo("1:02:03");
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1536, 1.5 KiB", "1572864, 1.5 MiB",
            "50000000000, 46.6 GiB", "1099511627776, 1.0 TiB"})
    void sizesUseBinaryUnits(long bytes, String expected) {
        assertThat(Formats.bytes(bytes)).isEqualTo(expected);
    }

    @Test
    void instantsAreIsoUtcToTheSecond() {
        assertThat(Formats.instant(Instant.parse("2026-11-25T10:00:00.750Z"))).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(Formats.instant(null)).isEqualTo("-");
    }

    @Test
    void partiesShowNumberElseDeviceWithTheName() {
        assertThat(Formats.party(new Party("1001", "SEP1", "Alice"))).isEqualTo("1001 (Alice)");
        assertThat(Formats.party(new Party(null, "SEP1", null))).isEqualTo("SEP1");
        assertThat(Formats.party(new Party(" ", null, "Bob"))).isEqualTo("(Bob)");
        assertThat(Formats.party(Party.UNKNOWN)).isEqualTo("-");
        assertThat(Formats.party(null)).isEqualTo("-");
    }

    @Test
    void flagsNameRecoveredAndOrphan() {
        assertThat(Formats.flags(Recordings.sealed(UUID.randomUUID(), Instant.EPOCH, "1"))).isEqualTo("recovered");
        assertThat(Formats.flags(Recordings.active(UUID.randomUUID(), Instant.EPOCH, "1"))).isEqualTo("orphan");
    }

    @Test
    void packetCountersAreAllNamed() {
        assertThat(Formats.packets(new MediaStats(1, 2, 3, 4, 5, 6, 7, 8, 9))).isEqualTo("received 1, lost 2, "
                + "duplicate 3, late 4, unexpected source 5, malformed 6, events 7, comfort noise 8");
        assertThat(Formats.packets(null)).startsWith("received 0,");
    }
}
