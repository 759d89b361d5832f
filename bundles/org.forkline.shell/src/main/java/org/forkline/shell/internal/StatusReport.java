package org.forkline.shell.internal;

import java.io.PrintStream;

import org.forkline.api.media.MediaStatistics;
import org.forkline.api.node.NodeStatus;
import org.forkline.api.storage.StorageHealth;

/** Writes the node status as aligned lines ({@code forkline:status}, {@code forkline:drain}). */
public final class StatusReport {

    private StatusReport() {
    }

    public static void print(NodeStatus status, PrintStream out) {
        line(out, "Node", status.nodeId());
        line(out, "Can record", status.canRecord() ? "yes" : "NO");
        for (String problem : status.problems()) {
            line(out, "Problem", problem);
        }
        line(out, "Drained", status.drained() ? "yes: INVITE and OPTIONS are answered 503" : "no");
        line(out, "Calls", status.activeCalls() + " active (" + status.activeLegs() + " legs), channel limit "
                + status.channelLimit());
        StorageHealth storage = status.storage();
        if (storage == null) {
            line(out, "Storage", "unknown");
        } else {
            line(out, "Storage", Formats.bytes(storage.freeBytes()) + " free (minimum "
                    + Formats.bytes(storage.minFreeBytes()) + "), " + (storage.writable() ? "writable" : "NOT WRITABLE")
                    + ", database " + (storage.databaseAvailable() ? "up" : "DOWN"));
            line(out, "Recordings", storage.activeRecordings() + " active, " + storage.sealingBacklog()
                    + " waiting to be sealed");
        }
        MediaStatistics media = status.media();
        if (media == null) {
            line(out, "Media", "unknown");
        } else {
            line(out, "Media", media.activeSessions() + " sessions, " + media.portsInUse() + " of "
                    + media.portsTotal() + " ports in use");
            line(out, "Packets", Formats.packets(media.totals()));
        }
    }

    /** One line after a drain change, saying what it means for calls. */
    public static String drainLine(NodeStatus status) {
        if (status.drained()) {
            return status.nodeId() + " drained: INVITE and OPTIONS are answered 503; calls in progress continue. "
                    + "Resume with forkline:drain --off";
        }
        if (status.canRecord()) {
            return status.nodeId() + " resumed: new calls are accepted";
        }
        return status.nodeId() + " resumed, but it cannot record: " + String.join("; ", status.problems());
    }

    static void line(PrintStream out, String label, String value) {
        out.printf("%-12s %s%n", label, value);
    }
}
