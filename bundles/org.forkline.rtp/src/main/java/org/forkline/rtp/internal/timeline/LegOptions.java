package org.forkline.rtp.internal.timeline;

/**
 * Per-leg settings, fixed when the leg opens.
 *
 * @param reorderMillis how long a late packet may still be put in its place
 * @param flushMillis   longest time appended audio may stay unflushed while packets arrive
 * @param strictSource  drop packets from addresses other than the negotiated one
 */
public record LegOptions(int reorderMillis, int flushMillis, boolean strictSource) {
}
