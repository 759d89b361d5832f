package org.forkline.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.forkline.testing.SpeechLikeSignal;

/**
 * Plays the phones: one thread sends a G.711 packet every 20 ms for every active stream from one
 * unconnected socket (the node checks the source IP, not the port), so thousands of streams cost one
 * thread and one file descriptor instead of SIPp's thread per call.
 */
final class RtpBlaster implements AutoCloseable {

    private static final long PACKET_NANOS = 20_000_000L;
    private static final int SAMPLES = 160;

    private final byte[][] parties;
    private final Queue<Stream> incoming = new ConcurrentLinkedQueue<>();
    private final List<Stream> active = new ArrayList<>();
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final DatagramChannel channel;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int activeCount;

    RtpBlaster(byte[][] parties) throws IOException {
        this.parties = parties;
        this.channel = DatagramChannel.open();
        channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        this.thread = new Thread(this::run, "rtp-blaster");
        thread.setDaemon(true);
        thread.start();
    }

    /** Streams party {@code party}'s audio to {@code target} for {@code millis}, starting now. */
    void start(InetSocketAddress target, int party, long millis, int ssrc, int offsetSeconds) {
        long now = System.nanoTime();
        incoming.add(new Stream(target, parties[party], now, now + millis * 1_000_000L, ssrc,
                (offsetSeconds * SpeechLikeSignal.RATE) % parties[party].length));
    }

    long packetsSent() {
        return packetsSent.get();
    }

    long sendErrors() {
        return sendErrors.get();
    }

    int activeStreams() {
        return activeCount;
    }

    private void run() {
        ByteBuffer packet = ByteBuffer.allocateDirect(12 + SAMPLES);
        long next = System.nanoTime();
        while (running) {
            for (Stream s; (s = incoming.poll()) != null;) {
                active.add(s);
            }
            long now = System.nanoTime();
            for (int i = active.size() - 1; i >= 0; i--) {
                Stream s = active.get(i);
                if (now >= s.endNanos) {
                    active.set(i, active.get(active.size() - 1));
                    active.remove(active.size() - 1);
                    continue;
                }
                send(s, packet);
            }
            activeCount = active.size();
            next += PACKET_NANOS;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                LockSupport.parkNanos(sleep);
            } else if (sleep < -10 * PACKET_NANOS) {
                next = System.nanoTime(); // fell far behind: do not burst to catch up
            }
        }
    }

    private void send(Stream s, ByteBuffer packet) {
        packet.clear();
        packet.put((byte) 0x80).put((byte) 0).putShort((short) s.sequence).putInt(s.timestamp).putInt(s.ssrc);
        int remaining = SAMPLES;
        while (remaining > 0) {
            int chunk = Math.min(remaining, s.audio.length - s.offset);
            packet.put(s.audio, s.offset, chunk);
            s.offset = (s.offset + chunk) % s.audio.length;
            remaining -= chunk;
        }
        packet.flip();
        try {
            channel.send(packet, s.target);
            packetsSent.incrementAndGet();
        } catch (IOException e) {
            sendErrors.incrementAndGet();
        }
        s.sequence = (s.sequence + 1) & 0xFFFF;
        s.timestamp += SAMPLES;
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
    }

    private static final class Stream {
        final InetSocketAddress target;
        final byte[] audio;
        final long endNanos;
        final int ssrc;
        int offset;
        int sequence;
        int timestamp;

        Stream(InetSocketAddress target, byte[] audio, long startNanos, long endNanos, int ssrc, int offset) {
            this.target = target;
            this.audio = audio;
            this.endNanos = endNanos;
            this.ssrc = ssrc;
            this.offset = offset;
            this.sequence = ssrc & 0x7FFF;
            this.timestamp = ssrc * 7;
        }
    }
}
