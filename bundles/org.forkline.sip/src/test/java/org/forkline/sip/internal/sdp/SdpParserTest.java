package org.forkline.sip.internal.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.PayloadFormat;
import org.forkline.api.media.RemoteMedia;
import org.junit.jupiter.api.Test;

class SdpParserTest {

    /** CUCM's answer in the ACK, PROTOCOL.md 1.2 (trace S1). */
    static final String CUCM_ACK_ANSWER = """
            v=0
            o=CiscoSystemsCCM-SIP 104958 1 IN IP4 10.48.38.5
            s=SIP Call
            c=IN IP4 10.48.38.107
            b=TIAS:64000
            b=AS:64
            t=0 0
            m=audio 26396 RTP/AVP 0 101
            a=rtpmap:0 PCMU/8000
            a=sendonly
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            """.replace("\n", "\r\n");

    /** MediaSense's offer in its 200 OK, PROTOCOL.md 1.2 (crypto lines as in the redacted trace). */
    static final String MEDIASENSE_OFFER = """
            v=0
            o=CiscoORA 708 1 IN IP4 10.48.38.30
            s=SIP Call
            c=IN IP4 10.48.38.30
            t=0 0
            m=audio 59058 RTP/SAVP 102 0 8 9 18
            a=rtpmap:102 MP4A-LATM/90000
            a=fmtp:102 profile-level-id=24;object=23;bitrate=64000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:9 G722/8000
            a=rtpmap:18 G729/8000
            a=recvonly
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:redacted
            """;

    @Test
    void readsCucmsAckAnswer() throws Exception {
        SessionDescription answer = SdpParser.parse(CUCM_ACK_ANSWER);

        assertThat(answer.address()).isEqualTo(InetAddress.getByName("10.48.38.107"));
        assertThat(answer.port()).isEqualTo(26396);
        assertThat(answer.profile()).isEqualTo("RTP/AVP");
        assertThat(answer.isSecure()).isFalse();
        assertThat(answer.payloadTypes()).containsExactly(0, 101);
        assertThat(answer.formats()).containsEntry(0, new PayloadFormat("PCMU", 8000, null))
                .containsEntry(101, new PayloadFormat("telephone-event", 8000, "0-15"));
        assertThat(answer.direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(answer.telephoneEventPayloadType()).contains(101);
        RemoteMedia remote = answer.toRemoteMedia();
        assertThat(remote.port()).isEqualTo(26396);
        assertThat(remote.payloadTypes()).hasSize(2);
    }

    @Test
    void readsMediaSensesSecureOfferWithDynamicAacAndLfLineEndings() throws Exception {
        SessionDescription offer = SdpParser.parse(MEDIASENSE_OFFER);

        assertThat(offer.isSecure()).isTrue();
        assertThat(offer.payloadTypes()).containsExactly(102, 0, 8, 9, 18);
        assertThat(offer.formats().get(102))
                .isEqualTo(new PayloadFormat("MP4A-LATM", 90000, "profile-level-id=24;object=23;bitrate=64000"));
        assertThat(offer.formats().get(9)).isEqualTo(new PayloadFormat("G722", 8000, null));
        assertThat(offer.direction()).isEqualTo(MediaDirection.RECVONLY);
    }

    @Test
    void staticPayloadTypesWithoutRtpmapComeFromTheRfc3551Table() throws Exception {
        SessionDescription nice = SdpParser.parse("v=0\r\no=NICE 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\n"
                + "t=0 0\r\nm=audio 1000 RTP/AVP 0 4 8 9 18 13 3\r\na=recvonly\r\n");

        assertThat(nice.formats()).containsEntry(0, new PayloadFormat("PCMU", 8000, null))
                .containsEntry(4, new PayloadFormat("G723", 8000, null))
                .containsEntry(8, new PayloadFormat("PCMA", 8000, null))
                .containsEntry(9, new PayloadFormat("G722", 8000, null))
                .containsEntry(18, new PayloadFormat("G729", 8000, null))
                .containsEntry(13, new PayloadFormat("CN", 8000, null))
                .containsEntry(3, new PayloadFormat("GSM", 8000, null));
    }

    @Test
    void aStreamWithoutDirectionIsSendrecvAndUnknownDynamicTypesAreLeftOut() throws Exception {
        SessionDescription minimal = SdpParser.parse("v=0\r\nc=IN IP4 10.1.1.2\r\nm=audio 6000 RTP/AVP 0 97\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n");

        assertThat(minimal.direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(minimal.payloadTypes()).containsExactly(0, 97);
        assertThat(minimal.formats()).containsOnlyKeys(0);
    }

    @Test
    void dynamicPayloadTypesUseTheirRtpmapAndFmtp() throws Exception {
        SessionDescription opus = SdpParser.parse("v=0\r\nc=IN IP4 10.1.1.3\r\nt=0 0\r\nm=audio 7000 RTP/AVP 114 9\r\n"
                + "a=rtpmap:114 opus/48000/2\r\na=fmtp:114 maxplaybackrate=16000; sprop-stereo=0\r\n"
                + "a=rtpmap:9 G722/8000\r\n");

        assertThat(opus.formats().get(114))
                .isEqualTo(new PayloadFormat("opus", 48000, "maxplaybackrate=16000; sprop-stereo=0"));
    }

    @Test
    void readsIpv6Connections() throws Exception {
        SessionDescription v6 = SdpParser.parse("v=0\r\nc=IN IP6 2001:db8::10\r\nm=audio 8000 RTP/AVP 0\r\n");

        assertThat(v6.address()).isEqualTo(InetAddress.getByName("2001:db8::10"));
    }

    @Test
    void sessionLevelDirectionAppliesUnlessTheMediaLevelOverridesIt() throws Exception {
        String sessionInactive = "v=0\r\nc=IN IP4 10.1.1.4\r\na=inactive\r\nt=0 0\r\nm=audio 9000 RTP/AVP 0\r\n";

        assertThat(SdpParser.parse(sessionInactive).direction()).isEqualTo(MediaDirection.INACTIVE);
        assertThat(SdpParser.parse(sessionInactive + "a=sendonly\r\n").direction())
                .isEqualTo(MediaDirection.SENDONLY);
    }

    @Test
    void mediaLevelConnectionWinsAndZeroAddressMeansHold() throws Exception {
        SessionDescription both = SdpParser.parse("v=0\r\nc=IN IP4 10.9.9.9\r\nm=audio 9000 RTP/AVP 8\r\n"
                + "c=IN IP4 10.1.1.5/127\r\n");
        SessionDescription hold = SdpParser.parse("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 9000 RTP/AVP 8\r\n"
                + "a=sendonly\r\n");

        assertThat(both.address()).isEqualTo(InetAddress.getByName("10.1.1.5"));
        assertThat(hold.direction()).isEqualTo(MediaDirection.INACTIVE);
    }

    @Test
    void onlyTheFirstAudioStreamCountsAndVideoLinesDoNotLeak() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\r\nc=IN IP4 10.1.1.6\r\nm=video 5000 RTP/AVP 96\r\n"
                + "a=inactive\r\nc=IN IP4 10.7.7.7\r\nm=audio 5002 RTP/AVP 0\r\nm=audio 5004 RTP/AVP 8\r\n");

        assertThat(sdp.port()).isEqualTo(5002);
        assertThat(sdp.address()).isEqualTo(InetAddress.getByName("10.1.1.6"));
        assertThat(sdp.direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(sdp.payloadTypes()).containsExactly(0);
    }

    @Test
    void malformedBodiesAreRefusedWithAClearReason() {
        assertRefused("", "SDP body is empty");
        assertRefused("o=x 1 1 IN IP4 1.1.1.1\r\n", "does not start with v=0");
        assertRefused("v=0\r\nthis is not sdp\r\n", "line 2 is not of the form x=value");
        assertRefused("v=0\r\nc=IN IP4 10.1.1.1\r\nm=video 4000 RTP/AVP 96\r\n", "no m=audio line");
        assertRefused("v=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 70000 RTP/AVP 0\r\n", "invalid port");
        assertRefused("v=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 4000 RTP/AVP PCMU\r\n", "invalid payload type");
        assertRefused("v=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 4000 RTP/AVP 200\r\n", "invalid payload type");
        assertRefused("v=0\r\nc=IN IP4 phone.example.com\r\nm=audio 4000 RTP/AVP 0\r\n", "not an IP address");
        assertRefused("v=0\r\nc=IN IP4 10.1.1.300\r\nm=audio 4000 RTP/AVP 0\r\n", "not an IP address");
        assertRefused("v=0\r\nc=IN\r\nm=audio 4000 RTP/AVP 0\r\n", "c= line is malformed");
        assertRefused("v=0\r\nm=audio 4000 RTP/AVP 0\r\n", "no c= line");
        assertRefused("v=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 4000\r\n", "m= line is incomplete");
        assertRefused("v=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n",
                "a=rtpmap:0 PCMU is malformed");
    }

    private static void assertRefused(String sdp, String reason) {
        assertThatThrownBy(() -> SdpParser.parse(sdp)).isInstanceOf(SdpException.class).hasMessageContaining(reason);
    }
}
