package org.forkline.shell.internal;

import java.io.PrintStream;

import org.forkline.api.Party;
import org.forkline.api.Recording;
import org.forkline.api.RecordingLeg;

/** Writes every field of one recording and its legs ({@code forkline:recording}). */
public final class RecordingReport {

    private RecordingReport() {
    }

    public static void print(Recording r, PrintStream out) {
        StatusReport.line(out, "Id", r.id().toString());
        StatusReport.line(out, "State", r.state().toString());
        StatusReport.line(out, "Started", Formats.instant(r.startedAt()));
        StatusReport.line(out, "Ended", Formats.instant(r.endedAt()));
        StatusReport.line(out, "Duration", Formats.duration(r));
        StatusReport.line(out, "Near", describe(r.near()));
        StatusReport.line(out, "Far", describe(r.far()));
        StatusReport.line(out, "Cluster", Formats.text(r.clusterId()));
        StatusReport.line(out, "Refci", Formats.text(r.refci()));
        StatusReport.line(out, "Codec", Formats.text(r.codec()));
        StatusReport.line(out, "Node", Formats.text(r.nodeId()));
        StatusReport.line(out, "Recovered", Formats.yesNo(r.recovered()));
        StatusReport.line(out, "Orphan", Formats.yesNo(r.orphan()));
        StatusReport.line(out, "Size", r.sizeBytes() == 0 ? "-"
                : Formats.bytes(r.sizeBytes()) + " (" + r.sizeBytes() + " bytes)");
        StatusReport.line(out, "SHA-256", Formats.text(r.sha256()));
        StatusReport.line(out, "Legs", String.valueOf(r.legs().size()));
        for (RecordingLeg leg : r.legs()) {
            out.println();
            StatusReport.line(out, "  Leg", leg.direction() + " " + leg.id());
            StatusReport.line(out, "  Call-ID", Formats.text(leg.sipCallId()));
            StatusReport.line(out, "  Started", Formats.instant(leg.startedAt()));
            StatusReport.line(out, "  Ended", Formats.instant(leg.endedAt())
                    + (leg.endReason() == null ? "" : " (" + leg.endReason() + ")"));
            StatusReport.line(out, "  Codec", Formats.text(leg.codec()));
            StatusReport.line(out, "  Media from", Formats.text(leg.remoteAddress()));
            StatusReport.line(out, "  Packets", Formats.packets(leg.stats()));
            StatusReport.line(out, "  SSRC changes", String.valueOf(leg.stats() == null ? 0
                    : leg.stats().ssrcChanges()));
        }
    }

    private static String describe(Party party) {
        if (party == null) {
            return "-";
        }
        return "number " + Formats.text(party.number()) + ", device " + Formats.text(party.device())
                + ", name " + Formats.text(party.displayName());
    }
}
