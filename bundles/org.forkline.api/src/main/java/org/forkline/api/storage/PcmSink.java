package org.forkline.api.storage;

import java.io.IOException;

/**
 * Receives one leg's decoded audio on a timeline of samples and keeps it crash-safe.
 * Called by one thread at a time (the media session's RTP event loop), never concurrently: implementations only
 * buffer and write to the operating system, never wait for the disk (no fsync).
 */
public interface PcmSink {

    /**
     * Fixes the timeline before the first sample: position 0 is the sample heard at {@code anchorEpochMicros}.
     * Called once.
     *
     * @param sampleRate PCM sample rate in Hz of every later {@link #append}
     * @param codec      codec name, for the metadata
     */
    void begin(int sampleRate, String codec, long anchorEpochMicros) throws IOException;

    /**
     * Adds samples at a timeline position. Positions never go backwards: {@code position} is at or after the end
     * of the previous append; a gap between two appends is silence. The caller reuses {@code samples} after
     * the call returns: copy what must be kept.
     */
    void append(long position, short[] samples, int offset, int length) throws IOException;

    /** Hands buffered samples to the operating system; called at least every second while samples arrive. */
    void flush() throws IOException;

    /** Final flush; no call follows. Idempotent. */
    void close() throws IOException;
}
