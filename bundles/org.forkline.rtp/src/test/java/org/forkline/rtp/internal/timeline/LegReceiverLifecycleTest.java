package org.forkline.rtp.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forkline.rtp.internal.timeline.LegHarness.code;
import static org.forkline.rtp.internal.timeline.LegHarness.pcmu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.PayloadFormat;
import org.forkline.api.media.RemoteMedia;
import org.forkline.rtp.internal.codec.PcmuCodec;
import org.forkline.rtp.internal.testing.ManualClock;
import org.forkline.rtp.internal.testing.NoopSink;
import org.junit.jupiter.api.Test;

class LegReceiverLifecycleTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(300);
    private static final Map<Integer, PayloadFormat> PCMU = Map.of(0, new PayloadFormat("PCMU", 8000, null));

    @Test
    void heldAudioIsCommittedOnceThePacketsPauseForTheReorderTime() {
        LegHarness leg = LegHarness.withReorderMillis(60);
        for (int i = 0; i < 3; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        assertThat(leg.sink.end()).isZero();

        leg.clock.advanceMillis(39);
        leg.tick();
        assertThat(leg.sink.end()).as("not yet: 59 ms since the last packet").isZero();

        leg.clock.advanceMillis(1);
        leg.tick();
        assertThat(leg.sink.end()).isEqualTo(480);
    }

    @Test
    void flushesOnScheduleWhileAudioArrivesAndNotWhenIdle() {
        LegHarness leg = new LegHarness(60, 100, true);
        for (int i = 0; i < 50; i++) {
            leg.deliverAndWait(pcmu(i, 160L * i, code(i)), 20);
        }
        assertThat(leg.sink.flushes()).isBetween(9, 10);

        for (int i = 0; i < 20; i++) {
            leg.clock.advanceMillis(20);
            leg.tick();
        }
        int afterIdleCommit = leg.sink.flushes();
        for (int i = 0; i < 20; i++) {
            leg.clock.advanceMillis(100);
            leg.tick();
        }
        assertThat(leg.sink.flushes()).isEqualTo(afterIdleCommit);
        assertThat(leg.sink.violations()).isEmpty();
    }

    @Test
    void inactivityIsMeasuredFromOpenThenFromTheLastPacket() {
        LegHarness leg = LegHarness.withReorderMillis(60);
        leg.clock.advanceMillis(299_999);
        assertThat(leg.receiver.inactive(leg.clock.nanoTime(), TIMEOUT)).isFalse();
        leg.clock.advanceMillis(1);
        assertThat(leg.receiver.inactive(leg.clock.nanoTime(), TIMEOUT)).isTrue();

        leg.deliver(pcmu(1, 0, code(1)));
        assertThat(leg.receiver.inactive(leg.clock.nanoTime(), TIMEOUT)).isFalse();
        leg.clock.advanceMillis(300_000);
        assertThat(leg.receiver.inactive(leg.clock.nanoTime(), TIMEOUT)).isTrue();
    }

    @Test
    void holdSuspendsTheInactivityWatchdogAndResumeRestartsIt() {
        LegHarness leg = LegHarness.withReorderMillis(60);
        leg.configure(PCMU, MediaDirection.INACTIVE);
        leg.clock.advanceMillis(3_600_000);
        assertThat(leg.receiver.inactive(leg.clock.nanoTime(), TIMEOUT)).isFalse();

        leg.configure(PCMU, MediaDirection.SENDONLY);
        assertThat(leg.receiver.inactive(leg.clock.nanoTime(), TIMEOUT)).isFalse();
        leg.clock.advanceMillis(300_000);
        assertThat(leg.receiver.inactive(leg.clock.nanoTime(), TIMEOUT)).isTrue();

        leg.configure(PCMU, MediaDirection.RECVONLY);
        assertThat(leg.receiver.inactive(leg.clock.nanoTime(), TIMEOUT)).isFalse();
    }

    @Test
    void sinkFailuresSurfaceAsIOException() {
        LegHarness leg = LegHarness.withReorderMillis(0);
        leg.sink.failAppends(new IOException("No space left on device"));

        assertThatThrownBy(() -> leg.receiver.receive(Unpooled.wrappedBuffer(pcmu(1, 0, code(1))), LegHarness.PHONE,
                leg.clock.nanoTime())).isInstanceOf(IOException.class).hasMessageContaining("No space left");
    }

    @Test
    void uncheckedSinkFailuresSurfaceAsIOExceptionToo() {
        LegHarness leg = LegHarness.withReorderMillis(0);
        leg.sink.failAppendsUnchecked(new IllegalStateException("journal closed"));

        assertThatThrownBy(() -> leg.receiver.receive(Unpooled.wrappedBuffer(pcmu(1, 0, code(1))), LegHarness.PHONE,
                leg.clock.nanoTime())).isInstanceOf(IOException.class).hasMessageContaining("journal closed");
    }

    @Test
    void finishingWithoutAudioClosesTheSinkWithoutBeginning() {
        LegHarness leg = LegHarness.withReorderMillis(60);
        leg.finish();

        assertThat(leg.sink.beginCalls()).isZero();
        assertThat(leg.sink.closes()).isEqualTo(1);
    }

    @Test
    void steadyStateAllocatesNothingPerPacket() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ManualClock clock = new ManualClock();
        NoopSink sink = new NoopSink();
        StreamCounters counters = new StreamCounters();
        LegReceiver receiver = new LegReceiver("alloc", sink, new LegOptions(80, 500, true),
                new FixedCatalog(List.of(new PcmuCodec())), new Scratch(), counters, clock);
        receiver.configure(new RemoteMedia(LegHarness.PHONE, 4000, PCMU, MediaDirection.SENDONLY), clock.nanoTime());
        ByteBuf packet = Unpooled.wrappedBuffer(pcmu(0, 0, code(0)));
        int packets = 20_000;
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < packets; i++) {
                int seq = warmUp * packets + i;
                packet.setShort(2, seq);
                packet.setInt(4, 160 * seq);
                receiver.receive(packet, LegHarness.PHONE, clock.nanoTime());
                clock.advanceMillis(20);
                if (i % 5 == 0) {
                    receiver.tick(clock.nanoTime());
                }
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (warmUp == 1) {
                assertThat(allocated).as("bytes allocated for %d packets", packets).isLessThan(packets / 10);
            }
        }
        assertThat(counters.snapshot().packetsReceived()).isEqualTo(2L * packets);
        assertThat(sink.samples()).isGreaterThan((2L * packets - 10) * 160);
    }
}
