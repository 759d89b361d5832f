package org.forkline.rtp.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forkline.rtp.internal.testing.RtpBuilder.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.netty.buffer.Unpooled;

import org.forkline.api.MediaStats;
import org.forkline.api.codec.AudioCodec;
import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.PayloadFormat;
import org.forkline.api.media.RemoteMedia;
import org.forkline.rtp.internal.codec.G722Codec;
import org.forkline.rtp.internal.codec.PcmaCodec;
import org.forkline.rtp.internal.codec.PcmuCodec;
import org.forkline.rtp.internal.testing.ManualClock;
import org.forkline.rtp.internal.testing.RecordingSink;

/** Drives one LegReceiver with synthetic packets on a manual clock, recording what reaches the sink. */
final class LegHarness {

    static final int SSRC = 0x1234;
    static final InetAddress PHONE = address("127.0.0.1");
    static final InetAddress STRANGER = address("127.0.0.2");

    final ManualClock clock;
    final RecordingSink sink = new RecordingSink();
    final StreamCounters counters = new StreamCounters();
    final LegReceiver receiver;

    LegHarness(int reorderMillis, int flushMillis, boolean strictSource) {
        this(reorderMillis, flushMillis, strictSource, List.of(new PcmuCodec(), new PcmaCodec(), new G722Codec()));
    }

    LegHarness(int reorderMillis, int flushMillis, boolean strictSource, List<AudioCodec> codecs) {
        this(new ManualClock(), reorderMillis, flushMillis, strictSource, codecs);
    }

    /** A receiver on a clock shared with another harness (one leg handed from one receiver to the next). */
    LegHarness(ManualClock clock, int reorderMillis) {
        this(clock, reorderMillis, 500, true, List.of(new PcmuCodec(), new PcmaCodec(), new G722Codec()));
    }

    private LegHarness(ManualClock clock, int reorderMillis, int flushMillis, boolean strictSource,
            List<AudioCodec> codecs) {
        this.clock = clock;
        receiver = new LegReceiver("test-leg", sink, new LegOptions(reorderMillis, flushMillis, strictSource),
                new FixedCatalog(codecs), new Scratch(), counters, clock);
    }

    static LegHarness withReorderMillis(int reorderMillis) {
        return new LegHarness(reorderMillis, 500, true);
    }

    /** A PCMU packet of 160 identical octets (20 ms). */
    static byte[] pcmu(int seq, long ts, int code) {
        return rtp().payloadType(0).seq(seq).ts(ts).ssrc(SSRC).payload(code, 160).build();
    }

    /** A distinct, non-silent µ-law code per packet index. */
    static int code(int index) {
        return 0x80 + index % 120;
    }

    static short ulaw(int code) {
        short[] out = new short[1];
        new PcmuCodec().newDecoder().decode(new byte[] {(byte) code}, 0, 1, out, 0);
        return out[0];
    }

    void deliver(byte[] packet) {
        deliverFrom(PHONE, packet);
    }

    void deliverFrom(InetAddress source, byte[] packet) {
        try {
            receiver.receive(Unpooled.wrappedBuffer(packet), source, clock.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Delivers then moves the clock on by {@code millis}. */
    void deliverAndWait(byte[] packet, long millis) {
        deliver(packet);
        clock.advanceMillis(millis);
    }

    void tick() {
        try {
            receiver.tick(clock.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    short[] finish() {
        try {
            receiver.finish(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(sink.violations()).isEmpty();
        assertThat(sink.closes()).isEqualTo(1);
        return sink.timeline();
    }

    void configure(Map<Integer, PayloadFormat> formats, MediaDirection direction) {
        receiver.configure(new RemoteMedia(PHONE, 30000, formats, direction), clock.nanoTime());
    }

    MediaStats stats() {
        return counters.snapshot();
    }

    static void assertBlock(short[] timeline, long from, int length, short value) {
        for (int i = 0; i < length; i++) {
            assertThat(timeline[(int) from + i]).as("sample %d", from + i).isEqualTo(value);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
