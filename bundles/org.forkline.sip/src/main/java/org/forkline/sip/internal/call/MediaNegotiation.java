package org.forkline.sip.internal.call;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.RemoteMedia;
import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.peer.IpLiterals;
import org.forkline.sip.internal.sdp.OfferedCodec;
import org.forkline.sip.internal.sdp.SdpWriter;
import org.forkline.sip.internal.sdp.SessionDescription;

/** Offer/answer of one leg: the SDP we send, and applying the far side's description to media and storage. */
final class MediaNegotiation {

    private MediaNegotiation() {
    }

    /** Our receive-only offer of every codec of the leg's table. */
    static String offer(Leg leg, SipSettings settings) {
        InetSocketAddress local = leg.media().localAddress();
        return SdpWriter.offer(sdpAddress(local.getAddress(), settings), local.getPort(), leg.sdpSessionId(),
                leg.nextSdpVersion(), leg.codecs().offered());
    }

    /** Our answer to the far side's offer: recvonly, or inactive while the far side holds (sends nothing). */
    static String answer(Leg leg, SipSettings settings, SessionDescription offer, OfferedCodec chosen) {
        InetSocketAddress local = leg.media().localAddress();
        MediaDirection ours = offer.direction().silent() ? MediaDirection.INACTIVE : MediaDirection.RECVONLY;
        return SdpWriter.answer(sdpAddress(local.getAddress(), settings), local.getPort(), leg.sdpSessionId(),
                leg.nextSdpVersion(), chosen, offer.telephoneEventPayloadType().orElse(null), ours);
    }

    /** Points the media session at the far side and tells storage when codec or source changed. */
    static void apply(Leg leg, SessionDescription remote, OfferedCodec chosen) {
        RemoteMedia description = remote.toRemoteMedia();
        leg.media().configure(description);
        leg.remote(description);
        String source = source(remote);
        String codec = chosen.codec().encodingName();
        if (leg.negotiated(codec, source)) {
            leg.handle().mediaNegotiated(codec, source);
        }
    }

    /** {@code ip:port} of the far side's stream, IPv6 in brackets. */
    static String source(SessionDescription remote) {
        String host = IpLiterals.format(remote.address());
        return (remote.address() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + remote.port();
    }

    /** A wildcard media address is useless in SDP: use the advertised or the SIP bind address then. */
    private static InetAddress sdpAddress(InetAddress media, SipSettings settings) {
        if (!media.isAnyLocalAddress()) {
            return media;
        }
        if (settings.advertisedAddress() != null) {
            var advertised = IpLiterals.parse(settings.advertisedAddress());
            if (advertised.isPresent()) {
                return advertised.get();
            }
        }
        return settings.address();
    }
}
