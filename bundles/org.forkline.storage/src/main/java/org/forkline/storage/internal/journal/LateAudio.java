package org.forkline.storage.internal.journal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The audio a detached sink still receives while storage restarts, kept for the next activation in JDK objects only
 * (that activation has another class loader): the old sink adds under the shared object's lock, the next sink of
 * the leg takes, until the old sink is closed and everything is taken.
 */
public final class LateAudio {

    /** What one detached sink keeps at most: far longer than a restart of storage takes. */
    public static final int LIMIT_SECONDS = 10;

    // The shared layout is the contract between two activations (possibly two versions) of storage: keep it so.
    private static final String ENTRIES = "entries";     // ArrayDeque<Object[]> of {Long position, short[] samples}
    private static final String TIMELINE = "timeline";   // Object[] {Integer rate, String codec, Long anchor}: the
                                                         // timeline of the positions (the journal's when it has one)
    private static final String BUFFERED = "buffered";   // Long: samples in ENTRIES
    private static final String ADDED = "added";         // Long: samples ever kept
    private static final String DROPPED = "dropped";     // Long: samples dropped over the limit or after the end
    private static final String CLOSED = "closed";       // Boolean: the old sink was closed, nothing more comes

    /** Samples at a position of the timeline. */
    public record Chunk(long position, short[] samples) {
    }

    private final Map<String, Object> shared;

    private LateAudio(Map<String, Object> shared) {
        this.shared = shared;
    }

    /** An empty, open buffer; {@code timeline} may be null until the old sink's {@link JournalSink#begin}. */
    public static LateAudio create(BeginRecord timeline) {
        Map<String, Object> shared = new HashMap<>();
        shared.put(ENTRIES, new ArrayDeque<Object[]>());
        shared.put(BUFFERED, 0L);
        shared.put(ADDED, 0L);
        shared.put(DROPPED, 0L);
        shared.put(CLOSED, Boolean.FALSE);
        LateAudio late = new LateAudio(shared);
        late.setTimeline(timeline);
        return late;
    }

    /** The buffer behind a shared object from a parcel. @throws IllegalArgumentException if it is none */
    @SuppressWarnings("unchecked")
    public static LateAudio of(Object shared) {
        if (!(shared instanceof Map<?, ?> map) || !(map.get(ENTRIES) instanceof ArrayDeque<?>)
                || !(map.get(CLOSED) instanceof Boolean)) {
            throw new IllegalArgumentException("not a late audio buffer: " + shared);
        }
        return new LateAudio((Map<String, Object>) shared);
    }

    /** The JDK object to put in a parcel. */
    public Object shared() {
        return shared;
    }

    /** Sets the timeline of the positions if it has none yet. */
    public void setTimeline(BeginRecord timeline) {
        if (timeline == null) {
            return;
        }
        synchronized (shared) {
            shared.putIfAbsent(TIMELINE, new Object[] {timeline.sampleRate(), timeline.codec(),
                    timeline.anchorEpochMicros()});
        }
    }

    /** The timeline of the positions, null when the old sink has not begun. */
    public BeginRecord timeline() {
        synchronized (shared) {
            Object[] timeline = (Object[]) shared.get(TIMELINE);
            return timeline == null ? null
                    : new BeginRecord((Integer) timeline[0], (String) timeline[1], (Long) timeline[2]);
        }
    }

    /**
     * Keeps a copy of samples at {@code position} of the timeline, up to {@link #LIMIT_SECONDS} not yet taken.
     *
     * @return how many of them were dropped (over the limit, closed, or no timeline yet)
     */
    public int add(long position, short[] samples, int offset, int length) {
        synchronized (shared) {
            Object[] timeline = (Object[]) shared.get(TIMELINE);
            long buffered = (Long) shared.get(BUFFERED);
            int kept = 0;
            if (timeline != null && !closed()) {
                long room = (long) LIMIT_SECONDS * (Integer) timeline[0] - buffered;
                kept = (int) Math.max(0, Math.min(length, room));
            }
            if (kept > 0) {
                short[] copy = new short[kept];
                System.arraycopy(samples, offset, copy, 0, kept);
                entries().addLast(new Object[] {position, copy});
                shared.put(BUFFERED, buffered + kept);
                shared.put(ADDED, (Long) shared.get(ADDED) + kept);
            }
            if (kept < length) {
                shared.put(DROPPED, (Long) shared.get(DROPPED) + length - kept);
            }
            return length - kept;
        }
    }

    /** Removes and returns the oldest samples if they start before {@code before}, else null. */
    public Chunk take(long before) {
        synchronized (shared) {
            Object[] head = entries().peekFirst();
            if (head == null || (Long) head[0] >= before) {
                return null;
            }
            entries().removeFirst();
            short[] samples = (short[]) head[1];
            shared.put(BUFFERED, (Long) shared.get(BUFFERED) - samples.length);
            return new Chunk((Long) head[0], samples);
        }
    }

    /** The old sink was closed: nothing more is added. */
    public void close() {
        synchronized (shared) {
            shared.put(CLOSED, Boolean.TRUE);
        }
    }

    /** Closed and everything taken: the next sink can forget it. */
    public boolean finished() {
        synchronized (shared) {
            return closed() && entries().isEmpty();
        }
    }

    /** Drops what is kept and closes: nobody will take it (the leg was not resumed, or storage really stops). */
    public void discard() {
        synchronized (shared) {
            shared.put(DROPPED, (Long) shared.get(DROPPED) + (Long) shared.get(BUFFERED));
            shared.put(BUFFERED, 0L);
            entries().clear();
            shared.put(CLOSED, Boolean.TRUE);
        }
    }

    /** Samples ever kept. */
    public long added() {
        synchronized (shared) {
            return (Long) shared.get(ADDED);
        }
    }

    /** Samples dropped: over the limit, after the end, or discarded. */
    public long dropped() {
        synchronized (shared) {
            return (Long) shared.get(DROPPED);
        }
    }

    private boolean closed() {
        return (Boolean) shared.get(CLOSED);
    }

    @SuppressWarnings("unchecked")
    private ArrayDeque<Object[]> entries() {
        return (ArrayDeque<Object[]>) shared.get(ENTRIES);
    }
}
