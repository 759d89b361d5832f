package org.forkline.storage.internal.opus;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import io.github.jaredmdobson.concentus.OpusException;

/**
 * Encodes a two-channel recording as Ogg Opus (AUDIO-FORMAT.md): two gated mono encoders, multistream packets built
 * by hand (first stream self-delimited), pages of about one second, and a last page trimmed to the exact length.
 */
public final class StereoOpusWriter {

    public static final int FRAME_MILLIS = 20;
    public static final String VENDOR = "Forkline";
    static final int GRANULE_RATE = 48000;
    private static final int GRANULE_PER_FRAME = GRANULE_RATE * FRAME_MILLIS / 1000;
    private static final int PACKETS_PER_PAGE = 50;
    private static final int MAX_STREAM_PACKET_BYTES = 1275;
    private static final Set<Integer> OPUS_RATES = Set.of(8000, 12000, 16000, 24000, 48000);

    private final int frameSamples;
    private final int granuleScale;
    private final int preSkip;
    private final ChannelEncoder left;
    private final ChannelEncoder right;
    private final OggPageWriter pages;
    private final byte[] leftPacket = new byte[MAX_STREAM_PACKET_BYTES];
    private final byte[] rightPacket = new byte[MAX_STREAM_PACKET_BYTES];
    private final byte[] packet = new byte[2 * MAX_STREAM_PACKET_BYTES + 4];
    private final short[] silence;
    private long framesWritten;
    private boolean finished;

    public StereoOpusWriter(int sampleRate, OpusSettings settings, ByteSink out, int serial, List<String> comments)
            throws IOException {
        if (!OPUS_RATES.contains(sampleRate)) {
            throw new IllegalArgumentException("Opus cannot encode at " + sampleRate + " Hz");
        }
        frameSamples = sampleRate * FRAME_MILLIS / 1000;
        granuleScale = GRANULE_RATE / sampleRate;
        silence = new short[frameSamples];
        try {
            left = new ChannelEncoder(sampleRate, settings);
            right = new ChannelEncoder(sampleRate, settings);
        } catch (OpusException e) {
            throw new IOException("cannot create the Opus encoder: " + e.getMessage(), e);
        }
        preSkip = left.lookahead() * granuleScale;
        pages = new OggPageWriter(out, serial);
        byte[] head = OpusHead.twoMonoStreams(preSkip, sampleRate).toBytes();
        pages.add(head, 0, head.length);
        pages.flush(0, false);
        byte[] tags = OpusHead.tags(VENDOR, comments);
        pages.add(tags, 0, tags.length);
        pages.flush(0, false);
    }

    /** Samples per channel in one frame. */
    public int frameSamples() {
        return frameSamples;
    }

    /** Encodes one frame of each channel ({@link #frameSamples()} samples from offset 0). */
    public void writeFrame(short[] leftPcm, short[] rightPcm) throws IOException {
        try {
            int leftLength = left.encode(leftPcm, 0, frameSamples, leftPacket, 0, leftPacket.length);
            int rightLength = right.encode(rightPcm, 0, frameSamples, rightPacket, 0, rightPacket.length);
            int length = OpusFraming.toSelfDelimited(leftPacket, 0, leftLength, packet, 0);
            System.arraycopy(rightPacket, 0, packet, length, rightLength);
            writePacket(length + rightLength);
        } catch (OpusException e) {
            throw new IOException("Opus encoder failed: " + e.getMessage(), e);
        }
    }

    /**
     * Pads with silent frames until the decoder output covers pre-skip plus the duration, and writes the last page
     * with the granule position that trims the output to exactly {@code durationSamples}.
     */
    public void finish(long durationSamples) throws IOException {
        if (finished) {
            return;
        }
        long finalGranule = preSkip + durationSamples * granuleScale;
        long framesNeeded = Math.max(1, (finalGranule + GRANULE_PER_FRAME - 1) / GRANULE_PER_FRAME);
        if (framesWritten > framesNeeded) {
            throw new IllegalStateException(framesWritten + " frames written for " + durationSamples + " samples");
        }
        while (framesWritten < framesNeeded) {
            writeFrame(silence, silence);
        }
        pages.flush(finalGranule, true);
        finished = true;
    }

    public long framesWritten() {
        return framesWritten;
    }

    /** Frames of the left (near) channel that passed the gate and were encoded. */
    public long leftFramesEncoded() {
        return left.framesEncoded();
    }

    public long rightFramesEncoded() {
        return right.framesEncoded();
    }

    private void writePacket(int length) throws IOException {
        if (pages.packets() >= PACKETS_PER_PAGE || !pages.fits(length)) {
            pages.flush(framesWritten * GRANULE_PER_FRAME, false);
        }
        pages.add(packet, 0, length);
        framesWritten++;
    }
}
