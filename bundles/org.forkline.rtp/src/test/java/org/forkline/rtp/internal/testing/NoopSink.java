package org.forkline.rtp.internal.testing;

import org.forkline.api.storage.PcmSink;

/** A sink that keeps nothing, for measuring the receive path alone. */
public final class NoopSink implements PcmSink {

    private long samples;

    @Override
    public void begin(int sampleRate, String codec, long anchorEpochMicros) {
    }

    @Override
    public void append(long position, short[] pcm, int offset, int length) {
        samples += length;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    public long samples() {
        return samples;
    }
}
