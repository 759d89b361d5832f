package org.forkline.sip.internal.sipclient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal SIP peer for tests over real UDP or TCP on loopback: sends text messages, collects what comes back
 * and lets the test wait for a matching message. Retransmissions simply pile up unconsumed.
 */
public final class SipTestClient implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(?:content-length|l)\\s*:\\s*(\\d+)");

    private final DatagramSocket udp;
    private final Socket tcp;
    private final InetSocketAddress server;
    private final List<SipMessage> received = new ArrayList<>();
    private final ByteArrayOutputStream tcpBuffer = new ByteArrayOutputStream();

    private SipTestClient(DatagramSocket udp, Socket tcp, InetSocketAddress server) {
        this.udp = udp;
        this.tcp = tcp;
        this.server = server;
    }

    public static SipTestClient udp(String localAddress, int serverPort) throws IOException {
        InetAddress local = InetAddress.getByName(localAddress);
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0));
        socket.setReceiveBufferSize(1 << 20);
        InetAddress server = local instanceof Inet6Address ? InetAddress.getByName("::1")
                : InetAddress.getLoopbackAddress();
        return new SipTestClient(socket, null, new InetSocketAddress(server, serverPort));
    }

    public static SipTestClient tcp(int serverPort) throws IOException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        Socket socket = new Socket();
        socket.connect(server, 2000);
        return new SipTestClient(null, socket, server);
    }

    public String transport() {
        return udp != null ? "UDP" : "TCP";
    }

    /** Our address as SIP writes it in Via and Contact (IPv6 in brackets). */
    public String host() {
        InetAddress local = udp != null ? udp.getLocalAddress() : tcp.getLocalAddress();
        return local instanceof Inet6Address ? "[" + local.getHostAddress() + "]" : local.getHostAddress();
    }

    /** The server's address as SIP writes it in a Request-URI. */
    public String serverHost() {
        InetAddress address = server.getAddress();
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }

    public int port() {
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    public int serverPort() {
        return server.getPort();
    }

    public void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, server));
        } else {
            tcp.getOutputStream().write(bytes);
            tcp.getOutputStream().flush();
        }
    }

    /** Waits for (and consumes) the first message matching the predicate; fails the test on timeout. */
    public SipMessage await(Predicate<SipMessage> wanted, Duration timeout, String description) throws IOException {
        return poll(wanted, timeout).orElseThrow(() -> new AssertionError("no " + description + " within "
                + timeout.toMillis() + " ms; received: " + received));
    }

    public SipMessage awaitResponse(String method, int code) throws IOException {
        return await(m -> m.isResponse() && m.statusCode() == code && method.equals(m.cseqMethod()),
                Duration.ofSeconds(5), code + " to " + method);
    }

    /** The first final response (>= 200) to the method. */
    public SipMessage awaitFinalResponse(String method) throws IOException {
        return await(m -> m.isResponse() && m.statusCode() >= 200 && method.equals(m.cseqMethod()),
                Duration.ofSeconds(5), "final response to " + method);
    }

    public SipMessage awaitRequest(String method, Duration timeout) throws IOException {
        return await(m -> !m.isResponse() && method.equals(m.method()), timeout, method + " request");
    }

    public Optional<SipMessage> poll(Predicate<SipMessage> wanted, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<SipMessage> it = received.iterator(); it.hasNext();) {
                SipMessage message = it.next();
                if (wanted.test(message)) {
                    it.remove();
                    return Optional.of(message);
                }
            }
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return Optional.empty();
            }
            readOne((int) Math.max(1, remainingMillis));
        }
    }

    /** Answers a request the server sent us (e.g. its BYE). */
    public void respond(SipMessage request, int code, String reason) throws IOException {
        StringBuilder response = new StringBuilder("SIP/2.0 ").append(code).append(' ').append(reason).append("\r\n");
        for (String via : request.headers("Via")) {
            response.append("Via: ").append(via).append("\r\n");
        }
        response.append("From: ").append(request.header("From")).append("\r\n")
                .append("To: ").append(request.header("To")).append("\r\n")
                .append("Call-ID: ").append(request.callId()).append("\r\n")
                .append("CSeq: ").append(request.header("CSeq")).append("\r\n")
                .append("Content-Length: 0\r\n\r\n");
        send(response.toString());
    }

    private void readOne(int timeoutMillis) throws IOException {
        try {
            if (udp != null) {
                udp.setSoTimeout(timeoutMillis);
                DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
                udp.receive(packet);
                received.add(SipMessage.parse(new String(packet.getData(), 0, packet.getLength(),
                        StandardCharsets.UTF_8)));
            } else {
                tcp.setSoTimeout(timeoutMillis);
                InputStream in = tcp.getInputStream();
                byte[] chunk = new byte[8192];
                int read = in.read(chunk);
                if (read < 0) {
                    throw new IOException("server closed the TCP connection");
                }
                tcpBuffer.write(chunk, 0, read);
                extractTcpMessages();
            }
        } catch (SocketTimeoutException e) {
            // nothing arrived in time; the caller checks its deadline
        }
    }

    private void extractTcpMessages() {
        while (true) {
            String text = tcpBuffer.toString(StandardCharsets.UTF_8).replaceFirst("^(\r\n)+", "");
            int headerEnd = text.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                return;
            }
            Matcher length = CONTENT_LENGTH.matcher(text.substring(0, headerEnd));
            int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
            int total = headerEnd + 4 + bodyLength;
            byte[] all = text.getBytes(StandardCharsets.UTF_8);
            if (all.length < total) {
                return;
            }
            received.add(SipMessage.parse(new String(all, 0, total, StandardCharsets.UTF_8)));
            tcpBuffer.reset();
            tcpBuffer.write(all, total, all.length - total);
        }
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        } else {
            tcp.close();
        }
    }
}
