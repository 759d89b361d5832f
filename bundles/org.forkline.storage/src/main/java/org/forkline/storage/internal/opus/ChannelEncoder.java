package org.forkline.storage.internal.opus;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * One channel's Opus encoder behind an energy gate: a 20 ms frame quieter than the gate (after a 200 ms hangover) is
 * not encoded at all but written as a one-byte DTX frame, so silence costs neither CPU nor bytes.
 */
final class ChannelEncoder {

    static final int HANGOVER_FRAMES = 10;
    /** TOC of a 20 ms mono code-0 SILK frame: narrowband (config 1) and wideband (config 9). */
    private static final byte TOC_SILK_NB_20MS = 0x08;
    private static final byte TOC_SILK_WB_20MS = 0x48;

    private final OpusEncoder encoder;
    private final double gateMeanSquare;
    private byte dtxToc;
    private int hangover;
    private long framesEncoded;

    ChannelEncoder(int sampleRate, OpusSettings settings) throws OpusException {
        encoder = new OpusEncoder(sampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.setBitrate(settings.bitratePerChannel());
        encoder.setComplexity(settings.complexity());
        encoder.setUseVBR(true);
        encoder.setUseConstrainedVBR(false);
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        encoder.setUseDTX(false);
        double gateAmplitude = 32768.0 * Math.pow(10, settings.gateDbfs() / 20);
        gateMeanSquare = gateAmplitude * gateAmplitude;
        dtxToc = sampleRate > 8000 ? TOC_SILK_WB_20MS : TOC_SILK_NB_20MS;
    }

    /** Encoder delay in samples at the input rate: the Ogg pre-skip is this at 48 kHz. */
    int lookahead() {
        return encoder.getLookahead();
    }

    /**
     * Encodes one 20 ms frame in normal framing.
     *
     * @return the packet length in {@code out} (1 for a gated frame)
     */
    int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset, int maxBytes) throws OpusException {
        long sumOfSquares = 0;
        for (int i = offset; i < offset + samples; i++) {
            int s = pcm[i];
            sumOfSquares += s * s;
        }
        if (sumOfSquares >= gateMeanSquare * samples) {
            hangover = HANGOVER_FRAMES;
        } else if (hangover > 0) {
            hangover--;
        } else {
            out[outOffset] = dtxToc;
            return 1;
        }
        framesEncoded++;
        int length = encoder.encode(pcm, offset, samples, out, outOffset, maxBytes);
        if ((out[outOffset] & 3) == 0) {
            // A later DTX frame reuses the mode and bandwidth the encoder chose for a single 20 ms frame.
            dtxToc = out[outOffset];
        }
        return length;
    }

    long framesEncoded() {
        return framesEncoded;
    }
}
