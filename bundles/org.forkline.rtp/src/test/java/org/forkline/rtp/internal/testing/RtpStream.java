package org.forkline.rtp.internal.testing;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A phone's steady RTP stream: a bounded count of packets, one every 20 ms, sent from its own thread. */
public final class RtpStream implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "test-rtp-stream");
        thread.setDaemon(true);
        return thread;
    });
    private final int count;
    private final AtomicInteger next = new AtomicInteger();
    private final CompletableFuture<Integer> done = new CompletableFuture<>();

    /** Starts sending packet(0), packet(1), ... packet(count - 1) from {@code phone} to {@code target}. */
    public RtpStream(UdpPhone phone, InetSocketAddress target, int count, IntFunction<byte[]> packet) {
        this(phone, List.of(target), count, packet);
    }

    /** The same stream to each of {@code targets} (one phone per leg, sent in the same tick). */
    public RtpStream(UdpPhone phone, List<InetSocketAddress> targets, int count, IntFunction<byte[]> packet) {
        this.count = count;
        timer.scheduleAtFixedRate(() -> {
            int seq = next.getAndIncrement();
            if (seq >= count) {
                done.complete(count);
                throw new IllegalStateException("stream complete");   // ends the periodic task
            }
            byte[] datagram = packet.apply(seq);
            targets.forEach(target -> phone.send(datagram, target));
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Packets sent so far. */
    public int sent() {
        return Math.min(next.get(), count);
    }

    public CompletableFuture<Integer> done() {
        return done;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
