package org.forkline.sip.internal.sdp;

import org.forkline.api.codec.AudioCodec;

/**
 * A codec we decode and the payload type it is written under in an SDP we send.
 *
 * @param payloadType RTP payload type number
 * @param codec       the decoder's description
 */
public record OfferedCodec(int payloadType, AudioCodec codec) {
}
