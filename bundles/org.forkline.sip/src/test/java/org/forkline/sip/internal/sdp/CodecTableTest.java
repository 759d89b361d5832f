package org.forkline.sip.internal.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.forkline.sip.internal.fakes.FakeAudioCodec;
import org.junit.jupiter.api.Test;

class CodecTableTest {

    @Test
    void staticCodecsKeepTheirPayloadTypeAndDynamicOnesGetTheirPreferredOne() {
        CodecTable table = CodecTable.of(List.of(FakeAudioCodec.PCMU, FakeAudioCodec.OPUS, FakeAudioCodec.G722));

        assertThat(table.offered()).extracting(OfferedCodec::payloadType).containsExactly(0, 114, 9);
    }

    @Test
    void dynamicCodecsNeverCollideWithEachOtherOrWithTelephoneEvent() {
        FakeAudioCodec wantsTelephoneEvent = new FakeAudioCodec("iLBC", 8000, 8000, -1, 101, "mode=20", 1);
        FakeAudioCodec wantsSameAsOpus = new FakeAudioCodec("AMR-WB", 16000, 16000, -1, 114, null, 2);
        FakeAudioCodec noPreference = new FakeAudioCodec("speex", 8000, 8000, -1, -1, null, 3);

        CodecTable table = CodecTable.of(List.of(FakeAudioCodec.OPUS, wantsTelephoneEvent, wantsSameAsOpus,
                noPreference));

        assertThat(table.offered()).extracting(OfferedCodec::payloadType).containsExactly(114, 96, 97, 98)
                .doesNotContain(CodecTable.TELEPHONE_EVENT);
    }

    @Test
    void theFarSidesOrderDecidesAndOnlyMatchingNameAndClockRateCount() throws Exception {
        CodecTable table = CodecTable.of(List.of(FakeAudioCodec.PCMU, FakeAudioCodec.PCMA, FakeAudioCodec.OPUS));
        SessionDescription theirs = SdpParser.parse("v=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 4000 RTP/AVP 101 99 8 0\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=rtpmap:99 OPUS/16000\r\n");

        OfferedCodec chosen = table.firstDecodable(theirs).orElseThrow();

        assertThat(chosen.payloadType()).isEqualTo(8);
        assertThat(chosen.codec()).isEqualTo(FakeAudioCodec.PCMA);
    }

    @Test
    void nothingDecodableGivesNothing() throws Exception {
        CodecTable table = CodecTable.of(List.of(FakeAudioCodec.PCMU));

        assertThat(table.firstDecodable(SdpParser.parse("v=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 4000 RTP/AVP 18 4\r\n")))
                .isEmpty();
        assertThat(CodecTable.of(List.of()).isEmpty()).isTrue();
    }
}
