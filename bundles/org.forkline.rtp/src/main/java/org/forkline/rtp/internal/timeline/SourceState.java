package org.forkline.rtp.internal.timeline;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.codec.AudioDecoder;

/**
 * One sender (SSRC) of a leg: its sequence numbers, its extended timestamps, where its current segment sits on
 * the leg's timeline, and its decoder.
 */
final class SourceState {

    final int ssrc;
    final SequenceTracker sequence = new SequenceTracker();

    private AudioCodec codec;
    private AudioDecoder decoder;

    private boolean timestampStarted;
    private long lastTimestamp;

    private boolean anchored;
    private int clockRate;
    private long baseTimestamp;
    private long basePosition;
    private long baseArrivalNanos;

    SourceState(int ssrc) {
        this.ssrc = ssrc;
    }

    /** Where this sender stands, for the receiver that goes on with the leg. */
    Continuation.Source continuation() {
        return new Continuation.Source(ssrc, sequence.highest(), lastTimestamp, anchored, clockRate, baseTimestamp,
                basePosition, baseArrivalNanos);
    }

    /** This sender as another receiver left it: the same segment, timestamps and sequence numbers go on. */
    static SourceState continuing(Continuation.Source from) {
        SourceState state = new SourceState(from.ssrc());
        state.sequence.continueAfter(from.highestSequence());
        if (from.anchored()) {
            // Timestamps are extended only for audio, which always anchors its segment.
            state.timestampStarted = true;
            state.lastTimestamp = from.lastTimestamp();
            state.anchor(from.baseTimestamp(), from.clockRate(), from.basePosition(), from.baseArrivalNanos());
        }
        return state;
    }

    /** The decoder for this sender and codec; a codec change (re-INVITE) starts a fresh one. */
    AudioDecoder decoderFor(AudioCodec wanted) {
        if (wanted != codec) {
            codec = wanted;
            decoder = wanted.newDecoder();
        }
        return decoder;
    }

    /** Extends a 32-bit RTP timestamp across wraps, relative to the previous one of this sender. */
    long extendTimestamp(long timestamp) {
        if (!timestampStarted) {
            timestampStarted = true;
            lastTimestamp = timestamp;
        } else {
            lastTimestamp += (int) (timestamp - lastTimestamp);
        }
        return lastTimestamp;
    }

    boolean anchoredAt(int rate) {
        return anchored && clockRate == rate;
    }

    /** Starts a segment: this timestamp sits at {@code position}, having arrived at {@code arrivalNanos}. */
    void anchor(long extendedTimestamp, int rate, long position, long arrivalNanos) {
        anchored = true;
        clockRate = rate;
        baseTimestamp = extendedTimestamp;
        basePosition = position;
        baseArrivalNanos = arrivalNanos;
    }

    /** Position the timestamp gives in the current segment. */
    long timestampPosition(long extendedTimestamp, int sinkRate) {
        return basePosition + Math.floorDiv((extendedTimestamp - baseTimestamp) * sinkRate, clockRate);
    }

    /** Position the arrival time gives in the current segment (what the timestamp should be close to). */
    long arrivalPosition(long arrivalNanos, int sinkRate) {
        return basePosition + (arrivalNanos - baseArrivalNanos) * sinkRate / 1_000_000_000L;
    }
}
