package org.forkline.storage.internal.seal;

import java.io.IOException;
import java.util.Arrays;

/** A channel of the recording timeline, read forward from position 0 in blocks. */
interface PcmSource {

    /** The next {@code length} samples; silence wherever nothing was recorded. */
    void read(short[] out, int offset, int length) throws IOException;

    /** True once every recorded sample was read: the rest is silence and {@link #end()} is final. */
    boolean drained();

    /** Position after the last recorded sample (final once {@link #drained()}). */
    long end();

    /** A channel nobody spoke on, e.g. the missing side of an orphan leg. */
    static PcmSource silence() {
        return new PcmSource() {
            @Override
            public void read(short[] out, int offset, int length) {
                Arrays.fill(out, offset, offset + length, (short) 0);
            }

            @Override
            public boolean drained() {
                return true;
            }

            @Override
            public long end() {
                return 0;
            }
        };
    }
}
