package org.forkline.sip.internal.sdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.media.MediaDirection;
import org.forkline.sip.internal.peer.IpLiterals;

/** Writes the SDP we send: the receive-only offer of every codec we decode, or an answer with one codec. */
public final class SdpWriter {

    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    /**
     * Our offer (200 OK to a delayed-offer INVITE): every codec, telephone-event 101, ptime 20, recvonly.
     *
     * @param version SDP session version, increased for every new description in the dialog
     */
    public static String offer(InetAddress address, int port, long sessionId, long version,
            List<OfferedCodec> codecs) {
        StringBuilder sdp = header(address, sessionId, version);
        sdp.append("m=audio ").append(port).append(" RTP/AVP");
        codecs.forEach(codec -> sdp.append(' ').append(codec.payloadType()));
        sdp.append(' ').append(CodecTable.TELEPHONE_EVENT).append(CRLF);
        codecs.forEach(codec -> rtpmap(sdp, codec.payloadType(), codec.codec()));
        telephoneEvent(sdp, CodecTable.TELEPHONE_EVENT);
        sdp.append("a=ptime:20").append(CRLF);
        sdp.append("a=recvonly").append(CRLF);
        return sdp.toString();
    }

    /**
     * Our answer to an offer: the chosen codec under the offerer's payload type, telephone-event when offered.
     *
     * @param telephoneEvent the offerer's telephone-event payload type, or null
     * @param direction      recvonly, or inactive while the offerer holds
     */
    public static String answer(InetAddress address, int port, long sessionId, long version, OfferedCodec chosen,
            Integer telephoneEvent, MediaDirection direction) {
        StringBuilder sdp = header(address, sessionId, version);
        sdp.append("m=audio ").append(port).append(" RTP/AVP ").append(chosen.payloadType());
        if (telephoneEvent != null) {
            sdp.append(' ').append(telephoneEvent);
        }
        sdp.append(CRLF);
        rtpmap(sdp, chosen.payloadType(), chosen.codec());
        if (telephoneEvent != null) {
            telephoneEvent(sdp, telephoneEvent);
        }
        sdp.append("a=ptime:20").append(CRLF);
        sdp.append("a=").append(direction.name().toLowerCase(Locale.ROOT)).append(CRLF);
        return sdp.toString();
    }

    private static StringBuilder header(InetAddress address, long sessionId, long version) {
        String net = (address instanceof Inet6Address ? "IN IP6 " : "IN IP4 ") + IpLiterals.format(address);
        return new StringBuilder(512)
                .append("v=0").append(CRLF)
                .append("o=Forkline ").append(sessionId).append(' ').append(version).append(' ').append(net)
                .append(CRLF)
                .append("s=Forkline").append(CRLF)
                .append("c=").append(net).append(CRLF)
                .append("t=0 0").append(CRLF);
    }

    private static void rtpmap(StringBuilder sdp, int pt, AudioCodec codec) {
        sdp.append("a=rtpmap:").append(pt).append(' ').append(codec.encodingName()).append('/')
                .append(codec.clockRate());
        if ("opus".equalsIgnoreCase(codec.encodingName())) {
            sdp.append("/2");  // RFC 7587: opus is always declared with two channels
        }
        sdp.append(CRLF);
        if (codec.fmtp() != null && !codec.fmtp().isBlank()) {
            sdp.append("a=fmtp:").append(pt).append(' ').append(codec.fmtp()).append(CRLF);
        }
    }

    private static void telephoneEvent(StringBuilder sdp, int pt) {
        sdp.append("a=rtpmap:").append(pt).append(" telephone-event/8000").append(CRLF);
        sdp.append("a=fmtp:").append(pt).append(" 0-15").append(CRLF);
    }
}
