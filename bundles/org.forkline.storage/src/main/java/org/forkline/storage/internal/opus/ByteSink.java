package org.forkline.storage.internal.opus;

import java.io.IOException;

/** Where encoded bytes go. */
@FunctionalInterface
public interface ByteSink {

    void write(byte[] bytes, int offset, int length) throws IOException;
}
