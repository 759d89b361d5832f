package org.forkline.storage.internal.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.forkline.api.storage.PcmSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leg's PCM sink on its journal, which places the caller's timeline on the journal's: a sink made by
 * {@link #continuing} goes on with a journal after a handover and first writes the audio the leg's earlier sinks
 * received after their {@link #detach}; a detached sink keeps what it receives for that next sink. Synchronised
 * because a handover detaches it from another thread; the media thread never contends.
 */
public final class JournalSink implements PcmSink {

    private static final Logger LOG = LoggerFactory.getLogger(JournalSink.class);
    /** About one second of 16 kHz audio: a flush every 500 ms never fills it. */
    public static final int DEFAULT_BUFFER_BYTES = 32 * 1024;

    private final JournalFile file;
    private final PcmRecordBuffer records;
    /** What earlier sinks of the leg received after their detachment, oldest first: written before own audio. */
    private final List<LateAudio> earlier;
    /** The journal's BEGIN (written by this sink or found in the journal), null before the first one. */
    private BeginRecord timeline;
    /** Journal positions below this are already in the journal: samples mapped there are dropped. */
    private final long floor;
    /** Added to the caller's positions to place them on the journal's timeline. */
    private long shift;
    /** Journal position after the last sample written (own or late audio). */
    private long nextPosition;
    /** Journal position after the caller's last append: its positions must not go back. */
    private long callerNext;
    private boolean appended;
    private boolean begun;
    private boolean closed;
    private boolean detached;
    /** Where a detached sink keeps what it still receives; null: dropped. */
    private LateAudio late;
    private boolean lateFullLogged;
    private long dropped;
    private long lateWritten;

    public JournalSink(JournalFile file) {
        this(file, DEFAULT_BUFFER_BYTES, null, 0, List.of());
    }

    JournalSink(JournalFile file, int bufferBytes) {
        this(file, bufferBytes, null, 0, List.of());
    }

    private JournalSink(JournalFile file, int bufferBytes, BeginRecord timeline, long floor, List<LateAudio> earlier) {
        this.records = new PcmRecordBuffer(file, bufferBytes);
        this.file = file;
        this.timeline = timeline;
        this.floor = floor;
        this.nextPosition = timeline == null ? 0 : Long.MIN_VALUE;
        this.callerNext = nextPosition;
        this.earlier = new ArrayList<>(earlier);
    }

    /**
     * A sink that goes on with a journal already holding {@code timeline}'s BEGIN (null: none yet) and audio up to
     * journal position {@code end}: its {@link #begin} writes no second BEGIN but maps the caller's timeline onto the
     * journal's, and samples that would land before {@code end} are dropped.
     */
    public static JournalSink continuing(JournalFile file, BeginRecord timeline, long end) {
        return continuing(file, timeline, end, List.of());
    }

    /**
     * As {@link #continuing(JournalFile, BeginRecord, long)}, and writes the audio of {@code earlier} first: all of
     * it at a flush before the caller's first append, then before each append what lies before it, until the old
     * sinks are closed and everything is taken. Overlapping audio is written once.
     */
    public static JournalSink continuing(JournalFile file, BeginRecord timeline, long end, List<LateAudio> earlier) {
        return new JournalSink(file, DEFAULT_BUFFER_BYTES, timeline, timeline == null ? 0 : end, earlier);
    }

    /** The journal's BEGIN as this sink knows it, null when the leg has had no audio yet. */
    public synchronized BeginRecord timeline() {
        return timeline;
    }

    /** Journal position just after the last sample this sink or its predecessors wrote. */
    public synchronized long end() {
        return Math.max(floor, nextPosition);
    }

    @Override
    public synchronized void begin(int sampleRate, String codec, long anchorEpochMicros) throws IOException {
        if (detached && (late == null || closed)) {
            dropped++;
            return;
        }
        ensureOpen();
        if (begun) {
            throw new IllegalStateException("begin() was already called for " + file.path());
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
        if (timeline == null && !detached) {
            adoptEarlierTimeline();
        }
        if (timeline == null) {
            BeginRecord record = new BeginRecord(sampleRate, codec, anchorEpochMicros);
            if (detached) {
                late.setTimeline(record);
            } else {
                file.append(RecordType.BEGIN, JournalPayloads.encodeBegin(record));
            }
            timeline = record;
        } else if (timeline.sampleRate() != sampleRate) {
            // A journal has one rate (one BEGIN) and the sealer reads it so: going on at another rate would need a
            // resampler here, so the new audio is refused rather than played at the wrong speed.
            throw new IOException("journal " + file.path() + " holds " + timeline.sampleRate() + " Hz audio ("
                    + timeline.codec() + ") and cannot go on at " + sampleRate + " Hz (" + codec + ") after a handover");
        } else {
            shift = Math.round((anchorEpochMicros - timeline.anchorEpochMicros()) * (double) sampleRate / 1_000_000);
        }
        begun = true;
    }

    @Override
    public synchronized void append(long position, short[] samples, int offset, int length) throws IOException {
        if (detached && (late == null || closed || !begun)) {
            dropped++;
            return;
        }
        ensureOpen();
        if (!begun) {
            throw new IllegalStateException("append() before begin() on " + file.path());
        }
        long at = position + shift;
        if (at < callerNext) {
            throw new IllegalArgumentException("position " + position + " is before the end of the previous append ("
                    + (callerNext - shift) + ")");
        }
        callerNext = at + length;
        appended = true;
        if (detached) {
            keepLate(at, samples, offset, length);
            return;
        }
        drainEarlier(at);
        write(at, samples, offset, length);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (detached) {
            if (late == null || closed) {
                dropped++;
            }
            return;
        }
        ensureOpen();
        // Before the caller's first append all late audio is older than the caller's; after it, what lies beyond
        // the caller's end waits for the next append.
        drainEarlier(appended ? callerNext : Long.MAX_VALUE);
        records.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        if (detached) {
            closed = true;
            closeLate();
            return;
        }
        try {
            drainEarlier(Long.MAX_VALUE);
            flush();  // no fsync here: this runs on an RTP event loop, which must never wait for the disk
        } finally {
            closed = true;
            // The leg ends or storage really stops: what an old sink still receives has nowhere to go.
            earlier.forEach(LateAudio::discard);
            earlier.clear();
        }
    }

    /**
     * Flushes what is buffered and detaches the sink from its journal for a handover: from now on what a media
     * session still holding it appends is kept in {@code keep} (null: dropped and counted) instead of failing, so
     * that session does not end the leg; the next sink of the leg writes it, and then its own audio.
     */
    public synchronized void detach(LateAudio keep) throws IOException {
        if (detached || closed) {
            detached = true;
            if (keep != null && keep != late) {
                keep.close();   // nothing will come into it: the next sink must not wait for it
            }
            return;
        }
        try {
            flush();
        } finally {
            detached = true;
            late = keep;
            if (keep != null) {
                keep.setTimeline(timeline);
            }
        }
    }

    /** {@link #detach(LateAudio)} dropping what arrives after it. */
    public void detach() throws IOException {
        detach(null);
    }

    /** After {@link #detach}: the late audio of earlier sinks not yet written, then this sink's, for the next sink. */
    public synchronized List<LateAudio> lateAudio() {
        List<LateAudio> all = new ArrayList<>(earlier);
        if (late != null) {
            all.add(late);
        }
        return all;
    }

    /** Calls dropped since the sink was detached. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Samples of earlier sinks' late audio this sink has written into the journal. */
    public synchronized long lateWritten() {
        return lateWritten;
    }

    private void keepLate(long at, short[] samples, int offset, int length) {
        if (at < floor) {
            int before = (int) Math.min(length, floor - at);
            offset += before;
            length -= before;
            at += before;
        }
        if (length > 0 && late.add(at, samples, offset, length) > 0 && !lateFullLogged) {
            lateFullLogged = true;
            LOG.warn("Journal {}: audio received after a handover can no longer be kept for the leg's next sink "
                    + "({} s are waiting, or the leg was given up): from position {} it is dropped (counted when this "
                    + "media session ends)", file.path(), LateAudio.LIMIT_SECONDS, at);
        }
    }

    private void closeLate() {
        if (late == null) {
            String message = "The media session that wrote journal {} before a handover closed its sink; {} of its "
                    + "calls after the handover were dropped";
            if (dropped > 0) {
                LOG.info(message, file.path(), dropped);
            } else {
                LOG.debug(message, file.path(), dropped);
            }
            return;
        }
        late.close();
        long rate = timeline == null ? 0 : timeline.sampleRate();
        if (late.dropped() > 0) {
            LOG.warn("The media session that wrote journal {} before a handover ended: {} ms of its audio were kept "
                    + "for the next activation of storage, {} ms dropped (beyond {} s)", file.path(),
                    millis(late.added(), rate), millis(late.dropped(), rate), LateAudio.LIMIT_SECONDS);
        } else {
            LOG.debug("The media session that wrote journal {} before a handover ended: {} ms of its audio were kept "
                    + "for the next activation of storage", file.path(), millis(late.added(), rate));
        }
    }

    private static long millis(long samples, long rate) {
        return rate == 0 ? 0 : samples * 1000 / rate;
    }

    /** Takes on the timeline of the first late audio that has one, writing its BEGIN: the journal has one BEGIN. */
    private void adoptEarlierTimeline() throws IOException {
        for (LateAudio source : earlier) {
            BeginRecord first = source.timeline();
            if (first != null) {
                file.append(RecordType.BEGIN, JournalPayloads.encodeBegin(first));
                timeline = first;
                return;
            }
        }
    }

    /** Writes the late audio of earlier sinks that starts before journal position {@code limit}. */
    private void drainEarlier(long limit) throws IOException {
        if (earlier.isEmpty()) {
            return;
        }
        if (timeline == null) {
            adoptEarlierTimeline();
        }
        for (Iterator<LateAudio> it = earlier.iterator(); it.hasNext(); ) {
            LateAudio source = it.next();
            BeginRecord from = source.timeline();
            if (from != null && timeline != null) {
                if (from.sampleRate() != timeline.sampleRate()) {
                    LOG.warn("Journal {} holds {} Hz audio: audio received at {} Hz during a handover is dropped",
                            file.path(), timeline.sampleRate(), from.sampleRate());
                    source.discard();
                } else {
                    long offset = Math.round((from.anchorEpochMicros() - timeline.anchorEpochMicros())
                            * (double) timeline.sampleRate() / 1_000_000);
                    long before = limit == Long.MAX_VALUE ? limit : limit - offset;
                    for (LateAudio.Chunk chunk = source.take(before); chunk != null; chunk = source.take(before)) {
                        long written = write(chunk.position() + offset, chunk.samples(), 0, chunk.samples().length);
                        lateWritten += written;
                    }
                }
            }
            if (source.finished()) {
                it.remove();
            }
        }
    }

    /** Writes samples at a journal position, dropping what lies before the end of the journal. @return written */
    private int write(long position, short[] samples, int offset, int length) throws IOException {
        long start = Math.max(floor, nextPosition);
        if (position < start) {
            int before = (int) Math.min(length, start - position);
            offset += before;
            length -= before;
            position += before;
        }
        if (length == 0) {
            return 0;
        }
        records.put(position, samples, offset, length);
        nextPosition = position + length;
        return length;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("PCM sink of " + file.path() + " is closed");
        }
    }
}
