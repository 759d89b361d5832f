package org.forkline.rtp.internal.timeline;

import java.io.IOException;

import org.forkline.api.storage.PcmSink;

/** Presents any failure of a storage sink, checked or not, as the IOException that ends a leg as STORAGE_FAILURE. */
final class GuardedSink implements PcmSink {

    private final PcmSink delegate;

    GuardedSink(PcmSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void begin(int sampleRate, String codec, long anchorEpochMicros) throws IOException {
        try {
            delegate.begin(sampleRate, codec, anchorEpochMicros);
        } catch (RuntimeException e) {
            throw new IOException("sink failed in begin: " + e, e);
        }
    }

    @Override
    public void append(long position, short[] samples, int offset, int length) throws IOException {
        try {
            delegate.append(position, samples, offset, length);
        } catch (RuntimeException e) {
            throw new IOException("sink failed in append: " + e, e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            delegate.flush();
        } catch (RuntimeException e) {
            throw new IOException("sink failed in flush: " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            delegate.close();
        } catch (RuntimeException e) {
            throw new IOException("sink failed in close: " + e, e);
        }
    }
}
