package org.forkline.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.forkline.api.RecordingPage;
import org.forkline.shell.internal.testing.Recordings;
import org.junit.jupiter.api.Test;

class RecordingTableTest {

    private static final UUID SEALED = UUID.fromString("0b7e7a52-2a4b-4c1e-9d43-5f7b1c2d3e4f");
    private static final UUID ACTIVE = UUID.fromString("1c8f8b63-3b5c-4d2f-8e54-6a8c2d3e4f50");

    @Test
    void aPageIsATableWithOneRowPerRecordingAndWhereItLies() {
        RecordingPage page = new RecordingPage(List.of(
                Recordings.active(ACTIVE, Instant.parse("2026-11-25T11:00:00Z"), "1002"),
                Recordings.sealed(SEALED, Instant.parse("2026-11-25T10:00:00.400Z"), "1001")), 45, 20, 2);
        Output out = new Output();

        RecordingTable.print(page, out.stream());

        List<String> lines = out.text().lines().toList();
        assertThat(lines.get(0)).contains("Id", "Started", "Duration", "Near", "Far", "State", "Node", "Flags");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(SEALED.toString(), "2026-11-25T10:00:00Z",
                "1:02:03", "1001 (Alice)", "+41441234567", "SEALED", "node1", "recovered"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(ACTIVE.toString(), "ACTIVE", "node2",
                "orphan"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("showing 21\u201322 of 45");
    }

    @Test
    void theSummarySaysWhyNothingIsShown() {
        assertThat(RecordingTable.summary(new RecordingPage(List.of(), 0, 0, 20))).isEqualTo("no recordings match");
        assertThat(RecordingTable.summary(new RecordingPage(List.of(), 12, 40, 20)))
                .isEqualTo("showing none of 12: --offset 40 is past the end");

        Output out = new Output();
        RecordingTable.print(new RecordingPage(List.of(), 0, 0, 20), out.stream());
        assertThat(out.text()).isEqualTo("no recordings match\n");
    }
}
