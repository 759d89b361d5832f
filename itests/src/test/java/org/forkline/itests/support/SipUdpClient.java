package org.forkline.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A bare SIP-over-UDP endpoint for tests: sends hand-written (possibly malformed) messages to a node and reads what
 * comes back. No retransmissions: everything runs on loopback. Messages that arrive while waiting for another one are
 * kept for later calls.
 */
public final class SipUdpClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final Deque<SipMessage> pending = new ArrayDeque<>();
    private final byte[] buffer = new byte[65535];

    /** Binds an ephemeral UDP port on {@code localAddress} and talks to {@code target}. */
    public SipUdpClient(String localAddress, InetSocketAddress target) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a UDP socket on " + localAddress, e);
        }
        this.target = target;
    }

    /** A client on 127.0.0.1 talking to the node's SIP port. */
    public static SipUdpClient to(ForklineNode node) {
        return new SipUdpClient("127.0.0.1", new InetSocketAddress(node.address(), node.sipPort()));
    }

    public String localAddress() {
        return socket.getLocalAddress().getHostAddress();
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** Sends a message; bare '\n' line ends are turned into CRLF. */
    public void send(String message) {
        sendBytes(message.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a datagram as is. */
    public void sendBytes(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to " + target, e);
        }
    }

    /** The next message (kept ones first), or empty when nothing arrives within the timeout. */
    public Optional<SipMessage> receive(Duration timeout) {
        if (!pending.isEmpty()) {
            return Optional.of(pending.removeFirst());
        }
        return receiveFromSocket(timeout);
    }

    /** Waits for the first message matching {@code filter}; other messages are kept. Empty on timeout. */
    public Optional<SipMessage> await(Predicate<SipMessage> filter, Duration timeout) {
        for (Iterator<SipMessage> it = pending.iterator(); it.hasNext();) {
            SipMessage message = it.next();
            if (filter.test(message)) {
                it.remove();
                return Optional.of(message);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Deque<SipMessage> skipped = new ArrayDeque<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                Optional<SipMessage> message = receiveFromSocket(Duration.ofNanos(left));
                if (message.isEmpty()) {
                    return Optional.empty();
                }
                if (filter.test(message.get())) {
                    return message;
                }
                skipped.add(message.get());
            }
        } finally {
            pending.addAll(skipped);
        }
    }

    /** Waits for the final response (status 200 or more) to the request with this Call-ID and CSeq method. */
    public Optional<SipMessage> awaitFinalResponse(String callId, String method, Duration timeout) {
        return await(m -> m.isResponse() && m.statusCode() >= 200 && m.callId().equals(callId)
                && m.method().equals(method), timeout);
    }

    /** Sends an OPTIONS as a CUCM node pings its trunk destinations and returns the final response, if any. */
    public Optional<SipMessage> options(Duration timeout) {
        String callId = UUID.randomUUID() + "@" + localAddress();
        send("OPTIONS sip:" + target.getHostString() + ":" + target.getPort() + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP " + localAddress() + ":" + localPort() + ";branch=" + newBranch() + "\n"
                + "From: <sip:" + localAddress() + ">;tag=" + Long.toHexString(System.nanoTime()) + "\n"
                + "To: <sip:" + target.getHostString() + ">\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 101 OPTIONS\n"
                + "Contact: <sip:" + localAddress() + ":" + localPort() + ">\n"
                + "Max-Forwards: 70\n"
                + "User-Agent: Cisco-CUCM11.5\n"
                + "Content-Length: 0\n\n");
        return awaitFinalResponse(callId, "OPTIONS", timeout);
    }

    /** Answers a request from the node (e.g. its BYE) with a status, copying the dialog headers. */
    public void respond(SipMessage request, int status, String reason) {
        StringBuilder response = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append('\n');
        for (String via : request.headers("Via")) {
            response.append("Via: ").append(via).append('\n');
        }
        response.append("From: ").append(request.header("From").orElse("")).append('\n')
                .append("To: ").append(request.header("To").orElse("")).append('\n')
                .append("Call-ID: ").append(request.callId()).append('\n')
                .append("CSeq: ").append(request.header("CSeq").orElse("")).append('\n')
                .append("Content-Length: 0\n\n");
        send(response.toString());
    }

    /** A new RFC 3261 branch. */
    public static String newBranch() {
        return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @Override
    public void close() {
        socket.close();
    }

    private Optional<SipMessage> receiveFromSocket(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return Optional.of(SipMessage.parse(packet.getData(), packet.getLength()));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot receive on " + socket.getLocalSocketAddress(), e);
        }
    }
}
