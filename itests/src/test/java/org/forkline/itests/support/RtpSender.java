package org.forkline.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends an {@link RtpStream} from its own UDP socket at real-time pace (one packet every 20 ms) and counts what it
 * sent, so that a test knows exactly how much audio left before it killed the receiver. The socket's port is the one
 * to announce in the SDP answer (Forkline drops RTP from any other source).
 */
public final class RtpSender implements AutoCloseable {

    private final DatagramSocket socket;
    private final RtpStream stream;
    private final AtomicInteger sent = new AtomicInteger();
    private final ScheduledExecutorService pacer;
    private volatile InetSocketAddress target;
    private volatile ScheduledFuture<?> task;

    /** Binds a UDP port on {@code localAddress}; call {@link #start} once the target is known. */
    public RtpSender(String localAddress, RtpStream stream) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind an RTP socket on " + localAddress, e);
        }
        this.stream = stream;
        this.pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rtp-sender-" + socket.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
    }

    public String localAddress() {
        return socket.getLocalAddress().getHostAddress();
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public RtpStream stream() {
        return stream;
    }

    /** Starts sending to {@code destination}; stops by itself after the stream's last packet. */
    public synchronized void start(InetSocketAddress destination) {
        if (task != null) {
            throw new IllegalStateException("already started");
        }
        this.target = destination;
        task = pacer.scheduleAtFixedRate(this::sendNext, 0, Tone.FRAME_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Packets sent so far. */
    public int packetsSent() {
        return sent.get();
    }

    /** Milliseconds of audio sent so far. */
    public long millisSent() {
        return (long) packetsSent() * Tone.FRAME_MILLIS;
    }

    /** True once every packet of the stream was sent. */
    public boolean finished() {
        return sent.get() >= stream.packets();
    }

    /** Stops sending (waiting for a packet in flight) and returns the number of packets sent. */
    public synchronized int stop() {
        if (task != null) {
            task.cancel(false);
        }
        pacer.shutdown();
        try {
            if (!pacer.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("RTP sender did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent.get();
    }

    /** Sends one datagram as is from the sender's socket (the negotiated source), e.g. junk or a foreign payload. */
    public void inject(byte[] datagram) {
        InetSocketAddress destination = target;
        if (destination == null) {
            throw new IllegalStateException("start the sender first: the destination is not known yet");
        }
        send(datagram, destination);
    }

    @Override
    public void close() {
        stop();
        socket.close();
    }

    private void sendNext() {
        int index = sent.get();
        if (index >= stream.packets()) {
            task.cancel(false);
            return;
        }
        send(stream.packet(index), target);
        sent.incrementAndGet();
    }

    private void send(byte[] datagram, InetSocketAddress destination) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, destination));
        } catch (IOException e) {
            // The receiver may be gone (killed node): ICMP port unreachable shows up here; the count says what left.
        }
    }
}
