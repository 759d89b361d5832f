package org.forkline.api.storage;

import java.io.IOException;
import java.io.OutputStream;

/** Bytes of a recording in one {@link AudioFormat}, readable by range (HTTP Range requests). */
public interface AudioContent {

    AudioFormat format();

    /** Total length in bytes. */
    long length();

    /** Writes {@code count} bytes starting at {@code offset} to {@code out}. */
    void writeTo(long offset, long count, OutputStream out) throws IOException;
}
