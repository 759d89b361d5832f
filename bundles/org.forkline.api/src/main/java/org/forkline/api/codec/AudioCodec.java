package org.forkline.api.codec;

/**
 * A codec Forkline can decode, registered as an OSGi service (whiteboard). Implementations are stateless
 * factories; all per-stream state lives in the {@link AudioDecoder}s they create.
 */
public interface AudioCodec {

    /** SDP encoding name as in {@code a=rtpmap} (compared case-insensitively), e.g. {@code PCMU}. */
    String encodingName();

    /** RTP clock rate in Hz as in {@code a=rtpmap}, e.g. 8000 (also 8000 for G.722, RFC 3551). */
    int clockRate();

    /** Sample rate of the decoded PCM in Hz, e.g. 8000, or 16000 for G.722. */
    int sampleRate();

    /** Static RTP payload type (0 PCMU, 8 PCMA, 9 G722, 18 G729), or -1 for a dynamic one. */
    int staticPayloadType();

    /** Dynamic payload type to offer when {@link #staticPayloadType()} is -1. */
    default int preferredDynamicPayloadType() {
        return -1;
    }

    /** {@code a=fmtp} parameters to offer, or null. */
    default String fmtp() {
        return null;
    }

    /** Position in the SDP offer: lower values are offered first. */
    int preference();

    /** A new decoder for one RTP stream. */
    AudioDecoder newDecoder();
}
