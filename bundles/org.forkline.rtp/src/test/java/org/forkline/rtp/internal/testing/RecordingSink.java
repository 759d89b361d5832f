package org.forkline.rtp.internal.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.forkline.api.storage.PcmSink;

/** A PcmSink that keeps every call, checks the position contract and can be told to fail. */
public final class RecordingSink implements PcmSink {

    /** One append: where it went and a copy of its samples. */
    public record Append(long position, short[] samples) {
        public long end() {
            return position + samples.length;
        }
    }

    private final List<Append> appends = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int sampleRate;
    private String codec;
    private long anchorEpochMicros;
    private int beginCalls;
    private int flushes;
    private int closes;
    private long end;
    private IOException failAppendWith;
    private RuntimeException failAppendWithUnchecked;

    @Override
    public synchronized void begin(int rate, String codecName, long anchor) {
        beginCalls++;
        sampleRate = rate;
        codec = codecName;
        anchorEpochMicros = anchor;
    }

    @Override
    public synchronized void append(long position, short[] samples, int offset, int length) throws IOException {
        if (failAppendWith != null) {
            throw failAppendWith;
        }
        if (failAppendWithUnchecked != null) {
            throw failAppendWithUnchecked;
        }
        if (beginCalls != 1) {
            violations.add("append before begin at " + position);
        }
        if (closes > 0) {
            violations.add("append after close at " + position);
        }
        if (position < end) {
            violations.add("append at " + position + " overlaps previous end " + end);
        }
        if (length <= 0) {
            violations.add("empty append at " + position);
        }
        appends.add(new Append(position, Arrays.copyOfRange(samples, offset, offset + length)));
        end = position + length;
    }

    @Override
    public synchronized void flush() {
        if (closes > 0) {
            violations.add("flush after close");
        }
        flushes++;
    }

    @Override
    public synchronized void close() {
        closes++;
    }

    public synchronized void failAppends(IOException e) {
        failAppendWith = e;
    }

    public synchronized void failAppendsUnchecked(RuntimeException e) {
        failAppendWithUnchecked = e;
    }

    /** The timeline from 0 to the end of the last append, gaps as zeros. */
    public synchronized short[] timeline() {
        short[] all = new short[(int) end];
        for (Append a : appends) {
            System.arraycopy(a.samples(), 0, all, (int) a.position(), a.samples().length);
        }
        return all;
    }

    /** Samples covered by appends (gaps between appends excluded). */
    public synchronized long samplesAppended() {
        return appends.stream().mapToLong(a -> a.samples().length).sum();
    }

    public synchronized List<Append> appends() {
        return List.copyOf(appends);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized long end() {
        return end;
    }

    public synchronized int sampleRate() {
        return sampleRate;
    }

    public synchronized String codec() {
        return codec;
    }

    public synchronized long anchorEpochMicros() {
        return anchorEpochMicros;
    }

    public synchronized int beginCalls() {
        return beginCalls;
    }

    public synchronized int flushes() {
        return flushes;
    }

    public synchronized int closes() {
        return closes;
    }
}
