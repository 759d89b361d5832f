package org.forkline.storage.internal.seal;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

import org.forkline.storage.internal.opus.StereoOpusDecoder;

/** One channel of a sealed file, decoded as it is read and placed {@code lead} samples after position 0. */
final class DecodedChannel implements PcmSource, Closeable {

    private final StereoOpusDecoder decoder;
    private final int channel;
    private final long lead;
    private final long end;
    private final short[] interleaved = new short[2 * 960];
    private int buffered;
    private int bufferOffset;
    private long position;

    /**
     * @param channel 0 for the left (near) channel, 1 for the right (far) one
     */
    DecodedChannel(StereoOpusDecoder decoder, int channel, long lead) {
        this.decoder = decoder;
        this.channel = channel;
        this.lead = Math.max(0, lead);
        this.end = this.lead + decoder.totalFrames();
    }

    @Override
    public void read(short[] out, int offset, int length) throws IOException {
        for (int i = 0; i < length; i++, position++) {
            if (position < lead || position >= end) {
                out[offset + i] = 0;
                continue;
            }
            if (bufferOffset >= buffered && !refill()) {
                // The file decoded to fewer samples than its header promised: the rest is silence.
                Arrays.fill(out, offset + i, offset + length, (short) 0);
                position += length - i;
                return;
            }
            out[offset + i] = interleaved[2 * bufferOffset++ + channel];
        }
    }

    @Override
    public boolean drained() {
        return position >= end;
    }

    @Override
    public long end() {
        return end;
    }

    @Override
    public void close() throws IOException {
        decoder.close();
    }

    private boolean refill() throws IOException {
        int frames = decoder.read(interleaved, interleaved.length / 2);
        buffered = Math.max(0, frames);
        bufferOffset = 0;
        return frames > 0;
    }
}
