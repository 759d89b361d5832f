package org.forkline.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.support.table.ShellTable;
import org.forkline.api.Recording;
import org.forkline.api.RecordingPage;

/** Writes a page of recordings as a table, then where it lies in the result ({@code forkline:recordings}). */
public final class RecordingTable {

    private RecordingTable() {
    }

    public static void print(RecordingPage page, PrintStream out) {
        if (page.items().isEmpty()) {
            out.println(summary(page));
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Started");
        table.column("Duration").alignRight();
        table.column("Near").maxSize(32);
        table.column("Far").maxSize(32);
        table.column("State");
        table.column("Node");
        table.column("Flags");
        for (Recording r : page.items()) {
            table.addRow().addContent(r.id(), Formats.instant(r.startedAt()), Formats.duration(r),
                    Formats.party(r.near()), Formats.party(r.far()), r.state(), Formats.text(r.nodeId()),
                    Formats.flags(r));
        }
        table.print(out);
        out.println(summary(page));
    }

    /** {@code showing 21–40 of 153}, or why nothing is shown. */
    public static String summary(RecordingPage page) {
        if (page.total() == 0) {
            return "no recordings match";
        }
        if (page.items().isEmpty()) {
            return "showing none of " + page.total() + ": --offset " + page.offset() + " is past the end";
        }
        return "showing " + (page.offset() + 1) + "\u2013" + (page.offset() + page.items().size()) + " of "
                + page.total();
    }
}
