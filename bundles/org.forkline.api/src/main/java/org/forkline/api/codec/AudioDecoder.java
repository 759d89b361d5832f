package org.forkline.api.codec;

/**
 * Decodes the payloads of one RTP stream, in order, to 16-bit linear PCM at the codec's sample rate.
 * Not thread-safe: one decoder per stream, used by one thread at a time.
 */
public interface AudioDecoder {

    /**
     * Decodes one RTP payload.
     *
     * @return number of samples written to {@code out} starting at {@code outOffset}
     * @throws IllegalArgumentException when the payload is not valid for this codec
     */
    int decode(byte[] payload, int offset, int length, short[] out, int outOffset);

    /** Upper bound of the samples {@link #decode} writes for a payload of this many bytes. */
    int maxSamples(int payloadLength);

    /** Forgets the stream state, e.g. after a gap or an SSRC change. */
    default void reset() {
    }
}
