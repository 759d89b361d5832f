package org.forkline.rtp.internal.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a leg's receiver stood when it handed the leg over, so that the next receiver places the following packets
 * exactly as it would have; travels as a plain long[] because the next activation has another class loader.
 *
 * @param sinkRate          sample rate given to the sink's begin()
 * @param anchorEpochMicros anchor given to the sink's begin()
 * @param anchorNanos       monotonic time of that anchor (System.nanoTime() is the same clock in every bundle)
 * @param committed         end of the audio handed to the sink: nothing may be written before it
 * @param stoppedNanos      when the receiver stopped reading: packets after it waited in the socket
 * @param sources           the current sender first, then the one it replaced (if any)
 */
public record Continuation(int sinkRate, long anchorEpochMicros, long anchorNanos, long committed, long stoppedNanos,
        List<Source> sources) {

    /** Format marker and version of the encoding; a different one is ignored (the leg then starts a new timeline). */
    static final long VERSION = 0x464B_5254_0001L;
    private static final int HEADER = 7;
    private static final int PER_SOURCE = 9;
    private static final int MAX_SOURCES = 2;

    /**
     * One sender's segment: its extended timestamps and sequence numbers, and where its timestamps sit on the
     * timeline.
     */
    public record Source(int ssrc, long highestSequence, long lastTimestamp, boolean anchored, int clockRate,
            long baseTimestamp, long basePosition, long baseArrivalNanos) {
    }

    public Continuation {
        if (sources.size() > MAX_SOURCES) {
            throw new IllegalArgumentException("at most " + MAX_SOURCES + " sources, got " + sources.size());
        }
        sources = List.copyOf(sources);
    }

    /** The state as JDK types only: {@code VERSION, sinkRate, anchors, committed, stopped, count, sources...}. */
    public long[] encode() {
        long[] out = new long[HEADER + PER_SOURCE * sources.size()];
        out[0] = VERSION;
        out[1] = sinkRate;
        out[2] = anchorEpochMicros;
        out[3] = anchorNanos;
        out[4] = committed;
        out[5] = stoppedNanos;
        out[6] = sources.size();
        int at = HEADER;
        for (Source s : sources) {
            out[at] = s.ssrc() & 0xFFFF_FFFFL;
            out[at + 1] = s.highestSequence();
            out[at + 2] = s.lastTimestamp();
            out[at + 3] = s.anchored() ? 1 : 0;
            out[at + 4] = s.clockRate();
            out[at + 5] = s.baseTimestamp();
            out[at + 6] = s.basePosition();
            out[at + 7] = s.baseArrivalNanos();
            out[at + 8] = 0;   // reserved
            at += PER_SOURCE;
        }
        return out;
    }

    /** Reads what {@link #encode} wrote; empty for anything else (null, another version, a damaged array). */
    public static Optional<Continuation> decode(Object encoded) {
        if (!(encoded instanceof long[] in) || in.length < HEADER || in[0] != VERSION) {
            return Optional.empty();
        }
        long count = in[6];
        if (count < 0 || count > MAX_SOURCES || in.length != HEADER + PER_SOURCE * count
                || in[1] <= 0 || in[1] > Integer.MAX_VALUE || in[4] < 0) {
            return Optional.empty();
        }
        List<Source> sources = new ArrayList<>();
        for (int at = HEADER; at < in.length; at += PER_SOURCE) {
            boolean anchored = in[at + 3] != 0;
            if (in[at + 4] < (anchored ? 1 : 0) || in[at + 4] > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            sources.add(new Source((int) in[at], in[at + 1], in[at + 2], anchored, (int) in[at + 4],
                    in[at + 5], in[at + 6], in[at + 7]));
        }
        return Optional.of(new Continuation((int) in[1], in[2], in[3], in[4], in[5], sources));
    }
}
