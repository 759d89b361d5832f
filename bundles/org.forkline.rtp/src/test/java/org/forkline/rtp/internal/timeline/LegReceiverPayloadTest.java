package org.forkline.rtp.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forkline.rtp.internal.testing.RtpBuilder.rtp;
import static org.forkline.rtp.internal.timeline.LegHarness.assertBlock;
import static org.forkline.rtp.internal.timeline.LegHarness.code;
import static org.forkline.rtp.internal.timeline.LegHarness.pcmu;
import static org.forkline.rtp.internal.timeline.LegHarness.ulaw;

import java.util.Map;

import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.PayloadFormat;
import org.forkline.rtp.internal.codec.G722Encoder;
import org.forkline.api.codec.AudioCodec;
import org.forkline.api.codec.AudioDecoder;
import org.forkline.rtp.internal.codec.PcmaCodec;
import org.forkline.rtp.internal.codec.PcmuCodec;
import org.forkline.rtp.internal.codec.Tones;
import org.junit.jupiter.api.Test;

class LegReceiverPayloadTest {

    private static final Map<Integer, PayloadFormat> PCMU_WITH_EVENTS = Map.of(
            0, new PayloadFormat("PCMU", 8000, null),
            101, new PayloadFormat("telephone-event", 8000, "0-15"));

    private final LegHarness leg = LegHarness.withReorderMillis(60);

    @Test
    void telephoneEventsAndComfortNoiseAreCountedButNeverWritten() {
        leg.configure(PCMU_WITH_EVENTS, MediaDirection.SENDONLY);
        for (int i = 0; i < 3; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        byte[] digit = {0x05, (byte) 0x8A, 0x03, 0x20};
        leg.deliverAndWait(rtp().payloadType(101).seq(3).ts(480).ssrc(LegHarness.SSRC).payload(digit).build(), 20);
        leg.deliverAndWait(rtp().payloadType(101).seq(4).ts(480).ssrc(LegHarness.SSRC).payload(digit).build(), 20);
        leg.deliverAndWait(rtp().payloadType(13).seq(5).ts(480).ssrc(LegHarness.SSRC).payload(0x40, 1).build(), 20);
        leg.deliver(pcmu(6, 800, code(6)));
        short[] timeline = leg.finish();

        assertThat(leg.stats().packetsEvents()).isEqualTo(2);
        assertThat(leg.stats().packetsComfortNoise()).isEqualTo(1);
        assertThat(leg.stats().packetsReceived()).isEqualTo(7);
        assertThat(leg.stats().packetsLost()).isZero();
        assertBlock(timeline, 320, 160, ulaw(code(2)));
        assertBlock(timeline, 480, 320, (short) 0);
        assertBlock(timeline, 800, 160, ulaw(code(6)));
    }

    @Test
    void comfortNoiseOnADynamicPayloadTypeIsRecognisedByItsRtpmap() {
        leg.configure(Map.of(0, new PayloadFormat("PCMU", 8000, null), 97, new PayloadFormat("cn", 8000, null)),
                MediaDirection.SENDONLY);
        leg.deliver(rtp().payloadType(97).seq(1).ts(0).payload(0x30, 1).build());
        leg.finish();

        assertThat(leg.stats().packetsComfortNoise()).isEqualTo(1);
        assertThat(leg.sink.beginCalls()).as("comfort noise does not anchor the leg").isZero();
    }

    @Test
    void beforeConfigureTheStaticPayloadTypesOfRegisteredCodecsApply() {
        byte[] alaw = rtp().payloadType(8).seq(1).ts(0).payload(0xD5, 160).build();
        leg.deliver(alaw);
        short[] timeline = leg.finish();

        assertThat(leg.sink.codec()).isEqualTo("PCMA");
        short[] expected = new short[1];
        new PcmaCodec().newDecoder().decode(new byte[] {(byte) 0xD5}, 0, 1, expected, 0);
        assertBlock(timeline, 0, 160, expected[0]);
    }

    @Test
    void rtpmapNamesMatchCodecsCaseInsensitivelyAndByClockRate() {
        leg.configure(Map.of(96, new PayloadFormat("pcmu", 8000, null), 97, new PayloadFormat("PCMA", 16000, null)),
                MediaDirection.SENDONLY);
        leg.deliver(rtp().payloadType(96).seq(1).ts(0).payload(code(1), 160).build());
        leg.deliver(rtp().payloadType(97).seq(2).ts(160).payload(0xD5, 160).build());
        short[] timeline = leg.finish();

        assertThat(leg.sink.codec()).isEqualTo("PCMU");
        assertBlock(timeline, 0, 160, ulaw(code(1)));
        assertThat(leg.stats().packetsMalformed()).as("PCMA/16000 is not a registered codec").isEqualTo(1);
    }

    @Test
    void staticPayloadType18IsMappedWhenABundleRegistersG729() {
        AudioCodec g729 = new AudioCodec() {
            @Override
            public String encodingName() {
                return "G729";
            }

            @Override
            public int clockRate() {
                return 8000;
            }

            @Override
            public int sampleRate() {
                return 8000;
            }

            @Override
            public int staticPayloadType() {
                return 18;
            }

            @Override
            public int preference() {
                return 40;
            }

            @Override
            public AudioDecoder newDecoder() {
                return new AudioDecoder() {
                    @Override
                    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
                        java.util.Arrays.fill(out, outOffset, outOffset + length * 8, (short) 1234);
                        return length * 8;
                    }

                    @Override
                    public int maxSamples(int payloadLength) {
                        return payloadLength * 8;
                    }
                };
            }
        };
        LegHarness withG729 = new LegHarness(60, 500, true, java.util.List.of(new PcmuCodec(), g729));
        withG729.deliver(rtp().payloadType(18).seq(1).ts(0).payload(0x11, 20).build());
        short[] timeline = withG729.finish();

        assertThat(withG729.sink.codec()).isEqualTo("G729");
        assertBlock(timeline, 0, 160, (short) 1234);
    }

    @Test
    void payloadTypesWithoutACodecAreMalformed() {
        leg.deliver(rtp().payloadType(18).seq(1).payload(0x11, 20).build());
        leg.deliver(rtp().payloadType(96).seq(2).payload(0x11, 20).build());
        leg.configure(Map.of(0, new PayloadFormat("PCMU", 8000, null), 98, new PayloadFormat("opus", 48000, null)),
                MediaDirection.SENDONLY);
        leg.deliver(rtp().payloadType(98).seq(3).payload(0x11, 20).build());
        leg.deliver(rtp().payloadType(8).seq(4).payload(0x11, 20).build());
        leg.finish();

        assertThat(leg.stats().packetsMalformed()).isEqualTo(4);
        assertThat(leg.stats().packetsReceived()).isZero();
        assertThat(leg.sink.beginCalls()).isZero();
    }

    @Test
    void invalidRtpIsMalformed() {
        leg.deliver(rtp().version(1).payload(0x80, 160).build());
        leg.deliver(new byte[5]);
        leg.finish();

        assertThat(leg.stats().packetsMalformed()).isEqualTo(2);
    }

    @Test
    void afterConfigurePacketsFromAnotherAddressAreCountedAndIgnored() {
        leg.deliverFrom(LegHarness.STRANGER, pcmu(1, 0, code(1)));
        leg.configure(PCMU_WITH_EVENTS, MediaDirection.SENDONLY);
        leg.deliverFrom(LegHarness.STRANGER, pcmu(2, 160, code(2)));
        leg.deliverFrom(LegHarness.PHONE, pcmu(3, 320, code(3)));
        leg.finish();

        assertThat(leg.stats().packetsUnexpectedSource()).isEqualTo(1);
        assertThat(leg.stats().packetsReceived()).isEqualTo(2);
    }

    @Test
    void withoutStrictSourceEveryAddressIsAccepted() {
        LegHarness lenient = new LegHarness(60, 500, false);
        lenient.configure(PCMU_WITH_EVENTS, MediaDirection.SENDONLY);
        lenient.deliverFrom(LegHarness.STRANGER, pcmu(2, 160, code(2)));
        lenient.finish();

        assertThat(lenient.stats().packetsUnexpectedSource()).isZero();
        assertThat(lenient.stats().packetsReceived()).isEqualTo(1);
    }

    @Test
    void codecChangeFrom8kTo16kIsResampledToTheSinkRate() {
        for (int i = 0; i < 5; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        byte[] g722 = encodeTone(1000, 16000 / 50 * 25);
        for (int i = 5; i < 30; i++) {
            byte[] payload = java.util.Arrays.copyOfRange(g722, (i - 5) * 160, (i - 4) * 160);
            leg.deliverAndWait(rtp().payloadType(9).seq(i).ts(160L * i).ssrc(LegHarness.SSRC).payload(payload)
                    .build(), 20);
        }
        short[] timeline = leg.finish();

        assertThat(leg.sink.beginCalls()).isEqualTo(1);
        assertThat(leg.sink.sampleRate()).isEqualTo(8000);
        assertThat(timeline).hasSize(30 * 160);
        assertBlock(timeline, 640, 160, ulaw(code(4)));
        double tone = Tones.power(timeline, 1600, 4800, 1000, 8000);
        assertThat(tone).isGreaterThan(100 * Tones.power(timeline, 1600, 4800, 2500, 8000)).isGreaterThan(1e6);
    }

    @Test
    void codecChangeFrom16kTo8kIsUpsampledToTheSinkRate() {
        byte[] g722 = encodeTone(1000, 16000 / 50 * 5);
        for (int i = 0; i < 5; i++) {
            byte[] payload = java.util.Arrays.copyOfRange(g722, i * 160, (i + 1) * 160);
            leg.deliverAndWait(rtp().payloadType(9).seq(i).ts(160L * i).ssrc(LegHarness.SSRC).payload(payload)
                    .build(), 20);
        }
        for (int i = 5; i < 10; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        short[] timeline = leg.finish();

        assertThat(leg.sink.sampleRate()).isEqualTo(16000);
        assertThat(leg.sink.codec()).isEqualTo("G722");
        assertThat(timeline).hasSize(10 * 320);
        assertBlock(timeline, 5 * 320, 320, ulaw(code(5)));
        assertBlock(timeline, 9 * 320, 320, ulaw(code(9)));
    }

    private static byte[] encodeTone(double frequency, int octets) {
        short[] pcm = Tones.sine(frequency, 16000, octets * 2, 10000);
        byte[] encoded = new byte[octets];
        new G722Encoder().encode(pcm, 0, pcm.length, encoded, 0);
        return encoded;
    }
}
