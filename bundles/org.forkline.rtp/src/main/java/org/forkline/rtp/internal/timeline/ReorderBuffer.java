package org.forkline.rtp.internal.timeline;

import java.io.IOException;
import java.util.Arrays;

import org.forkline.api.storage.PcmSink;

/**
 * Ring of PCM indexed by timeline position: packets are written where their timestamps put them, and only audio
 * older than the reorder hold is committed to the sink, so packets arriving out of order still land in place.
 * Unwritten slots inside the committed range are zeros, i.e. silence.
 */
final class ReorderBuffer {

    private final PcmSink sink;
    private final short[] ring;
    private final int mask;
    private final int holdSamples;

    private long committed;
    private long end;
    private boolean appendedSinceFlush;

    /** A buffer whose timeline goes on at {@code start}: everything before it counts as committed. */
    ReorderBuffer(PcmSink sink, int holdSamples, int maxPacketSamples, long start) {
        this.sink = sink;
        this.committed = start;
        this.end = start;
        this.holdSamples = holdSamples;
        int capacity = Integer.highestOneBit(holdSamples + maxPacketSamples - 1) << 1;
        this.ring = new short[capacity];
        this.mask = capacity - 1;
    }

    /** Everything before this position has been handed to the sink. */
    long committed() {
        return committed;
    }

    /** End of the furthest audio written so far. */
    long end() {
        return end;
    }

    int capacity() {
        return ring.length;
    }

    /**
     * Places samples at {@code position}.
     *
     * @return false when the place was already committed (a late packet); nothing is written then
     */
    boolean write(long position, short[] samples, int offset, int length) throws IOException {
        if (position < committed) {
            return false;
        }
        if (position + length - committed > ring.length) {
            // A jump beyond the ring (hold, long silence): write out what is held and continue there;
            // the gap is never appended, which the sink treats as silence.
            commitTo(end);
            if (position < committed) {
                return false;
            }
            committed = position;
            end = position;
        }
        int slot = (int) (position & mask);
        int first = Math.min(length, ring.length - slot);
        System.arraycopy(samples, offset, ring, slot, first);
        System.arraycopy(samples, offset + first, ring, 0, length - first);
        end = Math.max(end, position + length);
        commitTo(end - holdSamples);
        return true;
    }

    /** Commits everything written, e.g. when packets stopped for longer than the hold, or at the end. */
    void commitAll() throws IOException {
        commitTo(end);
    }

    /** True when samples were appended since {@link #markFlushed}. */
    boolean appendedSinceFlush() {
        return appendedSinceFlush;
    }

    void markFlushed() {
        appendedSinceFlush = false;
    }

    private void commitTo(long target) throws IOException {
        if (target <= committed) {
            return;
        }
        int length = (int) (target - committed);
        int slot = (int) (committed & mask);
        int first = Math.min(length, ring.length - slot);
        sink.append(committed, ring, slot, first);
        Arrays.fill(ring, slot, slot + first, (short) 0);
        if (length > first) {
            sink.append(committed + first, ring, 0, length - first);
            Arrays.fill(ring, 0, length - first, (short) 0);
        }
        committed = target;
        appendedSinceFlush = true;
    }
}
