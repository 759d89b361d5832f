package org.forkline.storage.internal.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.storage.internal.opus.StereoOpusDecoder;

/**
 * A recording as 16-bit stereo PCM WAV at its own rate, decoded from the Ogg Opus file on the fly. The length is known
 * up front from the last granule position; a range is served by decoding from the start and skipping to the offset,
 * so memory stays small however long the recording is.
 */
public final class WavContent implements AudioContent {

    static final int HEADER_BYTES = 44;
    private static final int BLOCK_FRAMES = 960;
    private static final int BYTES_PER_FRAME = 4;

    private final Path file;
    private final int sampleRate;
    private final long frames;

    private WavContent(Path file, int sampleRate, long frames) {
        this.file = file;
        this.sampleRate = sampleRate;
        this.frames = frames;
    }

    public static WavContent open(Path file) throws IOException {
        try (StereoOpusDecoder decoder = StereoOpusDecoder.open(file)) {
            return new WavContent(file, decoder.sampleRate(), decoder.totalFrames());
        }
    }

    @Override
    public AudioFormat format() {
        return AudioFormat.WAV;
    }

    @Override
    public long length() {
        return HEADER_BYTES + frames * BYTES_PER_FRAME;
    }

    @Override
    public void writeTo(long offset, long count, OutputStream out) throws IOException {
        ByteRange.check(offset, count, length());
        long remaining = count;
        if (offset < HEADER_BYTES) {
            int n = (int) Math.min(remaining, HEADER_BYTES - offset);
            out.write(header(), (int) offset, n);
            remaining -= n;
        }
        if (remaining == 0) {
            return;
        }
        long skip = Math.max(0, offset - HEADER_BYTES);
        short[] pcm = new short[2 * BLOCK_FRAMES];
        ByteBuffer bytes = ByteBuffer.allocate(BYTES_PER_FRAME * BLOCK_FRAMES).order(ByteOrder.LITTLE_ENDIAN);
        try (StereoOpusDecoder decoder = StereoOpusDecoder.open(file)) {
            while (remaining > 0) {
                int decoded = decoder.read(pcm, BLOCK_FRAMES);
                if (decoded < 0) {
                    throw new EOFException("the Opus stream of " + file + " ended before its announced length");
                }
                int available = decoded * BYTES_PER_FRAME;
                if (skip >= available) {
                    skip -= available;
                    continue;
                }
                bytes.clear();
                bytes.asShortBuffer().put(pcm, 0, 2 * decoded);
                int start = (int) skip;
                skip = 0;
                int n = (int) Math.min(available - start, remaining);
                out.write(bytes.array(), start, n);
                remaining -= n;
            }
        }
    }

    private byte[] header() {
        long dataBytes = frames * BYTES_PER_FRAME;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 2)
                .putInt(sampleRate).putInt(sampleRate * BYTES_PER_FRAME).putShort((short) BYTES_PER_FRAME)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return b.array();
    }
}
