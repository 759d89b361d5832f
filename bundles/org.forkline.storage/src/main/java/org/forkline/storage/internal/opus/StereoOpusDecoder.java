package org.forkline.storage.internal.opus;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Decodes a Forkline Ogg Opus file (two mono streams) to interleaved 16-bit stereo at the recorded rate, streaming:
 * drops the pre-skip, writes DTX frames as silence, stops at the length the last granule position gives.
 */
public final class StereoOpusDecoder implements Closeable {

    private static final int MAX_FRAME_SAMPLES_48K = 5760;

    private final OggPacketReader reader;
    private final int sampleRate;
    private final long totalFrames;
    private final OpusDecoder leftDecoder;
    private final OpusDecoder rightDecoder;
    private final byte[] streamPacket = new byte[1500];
    private final short[] leftPcm;
    private final short[] rightPcm;
    private final short[] pending;
    private int pendingOffset;
    private int pendingFrames;
    private long framesToSkip;
    private long framesDelivered;

    private StereoOpusDecoder(OggPacketReader reader, OpusHead head, long lastGranule) throws IOException {
        this.reader = reader;
        if (head.channels() != 2 || head.streams() != 2 || head.coupled() != 0) {
            throw new IOException("not a two-stream uncoupled Opus file: " + head);
        }
        sampleRate = head.inputSampleRate();
        int scale = StereoOpusWriter.GRANULE_RATE / sampleRate;
        totalFrames = Math.max(0, (lastGranule - head.preSkip()) / scale);
        framesToSkip = head.preSkip() / scale;
        int maxFrame = MAX_FRAME_SAMPLES_48K / scale;
        leftPcm = new short[maxFrame];
        rightPcm = new short[maxFrame];
        pending = new short[2 * maxFrame];
        try {
            leftDecoder = new OpusDecoder(sampleRate, 1);
            rightDecoder = new OpusDecoder(sampleRate, 1);
        } catch (OpusException e) {
            throw new IOException("cannot create the Opus decoder at " + sampleRate + " Hz: " + e.getMessage(), e);
        }
    }

    /** Opens a file, reads its headers and the granule position of its last page. */
    public static StereoOpusDecoder open(Path file) throws IOException {
        long lastGranule = OggPacketReader.lastGranule(file);
        OggPacketReader reader = OggPacketReader.open(file);
        try {
            if (!reader.next()) {
                throw new IOException("empty Ogg file " + file);
            }
            OpusHead head = OpusHead.parse(reader.packet(), reader.packetLength());
            if (!reader.next()) {
                throw new IOException("Ogg Opus file without OpusTags: " + file);
            }
            return new StereoOpusDecoder(reader, head, lastGranule);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Stereo frames (sample pairs) the file decodes to. */
    public long totalFrames() {
        return totalFrames;
    }

    /**
     * Decodes up to {@code maxFrames} stereo frames into {@code interleaved} (left, right, left, ...).
     *
     * @return frames written, or -1 when all {@link #totalFrames()} were delivered
     */
    public int read(short[] interleaved, int maxFrames) throws IOException {
        if (framesDelivered >= totalFrames) {
            return -1;
        }
        while (pendingFrames == 0) {
            if (!decodeNextPacket()) {
                // The stream ends before its granule position says: the rest is silence.
                int frames = (int) Math.min(maxFrames, totalFrames - framesDelivered);
                Arrays.fill(interleaved, 0, 2 * frames, (short) 0);
                framesDelivered += frames;
                return frames;
            }
        }
        int frames = (int) Math.min(Math.min(maxFrames, pendingFrames), totalFrames - framesDelivered);
        System.arraycopy(pending, 2 * pendingOffset, interleaved, 0, 2 * frames);
        pendingOffset += frames;
        pendingFrames -= frames;
        framesDelivered += frames;
        return frames;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private boolean decodeNextPacket() throws IOException {
        if (!reader.next()) {
            return false;
        }
        byte[] data = reader.packet();
        int length = reader.packetLength();
        try {
            long split = OpusFraming.selfDelimitedToNormal(data, 0, length, streamPacket);
            int firstLength = (int) (split >>> 32);
            int leftSamples = decode(leftDecoder, streamPacket, 0, (int) split, leftPcm);
            int rightSamples = decode(rightDecoder, data, firstLength, length - firstLength, rightPcm);
            int frames = Math.max(leftSamples, rightSamples);
            for (int i = 0; i < frames; i++) {
                pending[2 * i] = i < leftSamples ? leftPcm[i] : 0;
                pending[2 * i + 1] = i < rightSamples ? rightPcm[i] : 0;
            }
            int skip = (int) Math.min(framesToSkip, frames);
            framesToSkip -= skip;
            pendingOffset = skip;
            pendingFrames = frames - skip;
            return true;
        } catch (OpusException | IllegalArgumentException e) {
            throw new IOException("undecodable Opus packet: " + e.getMessage(), e);
        }
    }

    private int decode(OpusDecoder decoder, byte[] packet, int offset, int length, short[] out) throws OpusException {
        if (length <= 0) {
            throw new IllegalArgumentException("missing stream packet");
        }
        if (length == 1) {
            int samples = OpusFraming.frameSamples(packet[offset], sampleRate)
                    * OpusFraming.frameCount(packet, offset);
            Arrays.fill(out, 0, samples, (short) 0);
            return samples;
        }
        return decoder.decode(packet, offset, length, out, 0, out.length, false);
    }
}
