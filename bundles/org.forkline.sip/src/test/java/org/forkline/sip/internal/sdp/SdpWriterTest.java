package org.forkline.sip.internal.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.PayloadFormat;
import org.forkline.sip.internal.fakes.FakeAudioCodec;
import org.junit.jupiter.api.Test;

class SdpWriterTest {

    private static final CodecTable CODECS = CodecTable.of(List.of(FakeAudioCodec.PCMU, FakeAudioCodec.PCMA,
            FakeAudioCodec.G722, FakeAudioCodec.G729, FakeAudioCodec.OPUS));

    @Test
    void offerIsWhatCucmExpectsFromARecorder() throws Exception {
        String offer = SdpWriter.offer(InetAddress.getByName("10.48.38.30"), 40002, 7, 1, CODECS.offered());

        assertThat(offer).isEqualTo("v=0\r\n"
                + "o=Forkline 7 1 IN IP4 10.48.38.30\r\n"
                + "s=Forkline\r\n"
                + "c=IN IP4 10.48.38.30\r\n"
                + "t=0 0\r\n"
                + "m=audio 40002 RTP/AVP 0 8 9 18 114 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:9 G722/8000\r\n"
                + "a=rtpmap:18 G729/8000\r\n"
                + "a=fmtp:18 annexb=no\r\n"
                + "a=rtpmap:114 opus/48000/2\r\n"
                + "a=fmtp:114 useinbandfec=1\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n"
                + "a=ptime:20\r\n"
                + "a=recvonly\r\n");
    }

    @Test
    void ourOfferParsesBackToWhatWeMeant() throws Exception {
        SessionDescription parsed = SdpParser.parse(SdpWriter.offer(InetAddress.getByName("127.0.0.1"), 40000, 1, 2,
                CODECS.offered()));

        assertThat(parsed.direction()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(parsed.formats()).containsEntry(114, new PayloadFormat("opus", 48000, "useinbandfec=1"))
                .containsEntry(101, new PayloadFormat("telephone-event", 8000, "0-15"));
    }

    @Test
    void ipv6AddressesAreWrittenAsIp6() throws Exception {
        String offer = SdpWriter.offer(InetAddress.getByName("::1"), 40000, 1, 1, CODECS.offered());

        assertThat(offer).contains("o=Forkline 1 1 IN IP6 0:0:0:0:0:0:0:1\r\n", "c=IN IP6 0:0:0:0:0:0:0:1\r\n");
        assertThat(SdpParser.parse(offer).address()).isEqualTo(InetAddress.getByName("::1"));
    }

    @Test
    void answerUsesTheOfferersPayloadTypesAndHoldsWhenTheyHold() throws Exception {
        SessionDescription theirs = SdpParser.parse("v=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 4000 RTP/AVP 96 0 100\r\n"
                + "a=rtpmap:96 opus/48000/2\r\na=rtpmap:100 telephone-event/8000\r\na=inactive\r\n");
        OfferedCodec chosen = CODECS.firstDecodable(theirs).orElseThrow();

        String answer = SdpWriter.answer(InetAddress.getByName("10.48.38.30"), 40004, 9, 3, chosen,
                theirs.telephoneEventPayloadType().orElse(null), MediaDirection.INACTIVE);

        assertThat(chosen.payloadType()).isEqualTo(96);
        assertThat(answer).contains("o=Forkline 9 3 IN IP4 10.48.38.30\r\n", "m=audio 40004 RTP/AVP 96 100\r\n",
                "a=rtpmap:96 opus/48000/2\r\n", "a=rtpmap:100 telephone-event/8000\r\n", "a=fmtp:100 0-15\r\n",
                "a=inactive\r\n").doesNotContain("PCMU");
    }

    @Test
    void answerWithoutTelephoneEventOffersNone() throws Exception {
        OfferedCodec pcma = new OfferedCodec(8, FakeAudioCodec.PCMA);

        String answer = SdpWriter.answer(InetAddress.getByName("10.0.0.1"), 4000, 1, 1, pcma, null,
                MediaDirection.RECVONLY);

        assertThat(answer).contains("m=audio 4000 RTP/AVP 8\r\n", "a=recvonly\r\n").doesNotContain("telephone-event");
    }
}
