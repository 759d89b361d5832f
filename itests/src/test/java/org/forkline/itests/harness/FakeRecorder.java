package org.forkline.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.forkline.itests.support.SipMessage;
import org.forkline.itests.support.Sdp;

/**
 * A stand-in for a Forkline node in the harness's own tests: a minimal SIP UAS on UDP that answers the scenarios the
 * way the specification says Forkline does (or deliberately not), and an RTP socket that records what arrives.
 */
final class FakeRecorder implements AutoCloseable {

    /** One received RTP datagram and where it came from. */
    record Received(InetSocketAddress source, byte[] data) {
    }

    private final DatagramSocket sip;
    private final DatagramSocket rtp;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<SipMessage> sipReceived = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> sipSources = new CopyOnWriteArrayList<>();
    private final List<Received> rtpReceived = new CopyOnWriteArrayList<>();
    private volatile int inviteCode = 200;
    private volatile int optionsCode = 200;
    private volatile String extraResponseHeader;
    private volatile String offerDirection = "recvonly";
    private volatile boolean answerHoldAsInactive = true;

    FakeRecorder() {
        try {
            sip = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::serveSip);
        threads.submit(this::receiveRtp);
    }

    int sipPort() {
        return sip.getLocalPort();
    }

    int rtpPort() {
        return rtp.getLocalPort();
    }

    /** Final answer to a new INVITE (200 sends the SDP offer). */
    FakeRecorder inviteCode(int code) {
        this.inviteCode = code;
        return this;
    }

    FakeRecorder optionsCode(int code) {
        this.optionsCode = code;
        return this;
    }

    /** A header line added to every non-200 final response, e.g. {@code Retry-After: 30}. */
    FakeRecorder extraResponseHeader(String line) {
        this.extraResponseHeader = line;
        return this;
    }

    /** Direction attribute of the offer in the 200 OK (Forkline: recvonly). */
    FakeRecorder offerDirection(String direction) {
        this.offerDirection = direction;
        return this;
    }

    /** False: answer a hold offer (a=inactive) with a=recvonly, which RFC 3264 forbids. */
    FakeRecorder answerHoldAsInactive(boolean inactive) {
        this.answerHoldAsInactive = inactive;
        return this;
    }

    List<SipMessage> sipReceived() {
        return sipReceived;
    }

    List<InetSocketAddress> sipSources() {
        return sipSources;
    }

    List<SipMessage> requests(String method) {
        return sipReceived.stream().filter(m -> !m.isResponse() && m.method().equals(method)).toList();
    }

    List<Received> rtpReceived() {
        return rtpReceived;
    }

    @Override
    public void close() {
        sip.close();
        rtp.close();
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake recorder threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serveSip() {
        byte[] buffer = new byte[65535];
        while (!sip.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                sip.receive(packet);
            } catch (IOException e) {
                return;
            }
            SipMessage message = SipMessage.parse(packet.getData(), packet.getLength());
            sipReceived.add(message);
            sipSources.add((InetSocketAddress) packet.getSocketAddress());
            if (!message.isResponse()) {
                answer(message, packet.getSocketAddress());
            }
        }
    }

    private void answer(SipMessage request, SocketAddress to) {
        switch (request.method()) {
            case "ACK" -> {
            }
            case "INVITE" -> answerInvite(request, to);
            case "OPTIONS" -> send(response(request, optionsCode, null, null), to);
            default -> send(response(request, 200, null, null), to);
        }
    }

    private void answerInvite(SipMessage request, SocketAddress to) {
        send(response(request, 100, null, null), to);
        boolean reInvite = request.toTag().isPresent();
        if (!reInvite && inviteCode != 200) {
            send(response(request, inviteCode, null, null), to);
            return;
        }
        String direction = offerDirection;
        if (reInvite) {
            String offered = Sdp.direction(request.body()).orElse("sendrecv");
            direction = offered.equals("inactive") && answerHoldAsInactive ? "inactive" : "recvonly";
        }
        String sdp = "v=0\r\no=Fake 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort() + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=" + direction + "\r\n";
        send(response(request, 200, "application/sdp", sdp), to);
    }

    private String response(SipMessage request, int code, String contentType, String body) {
        StringBuilder response = new StringBuilder("SIP/2.0 ").append(code).append(' ').append(reason(code))
                .append("\r\n");
        request.headers("Via").forEach(via -> response.append("Via: ").append(via).append("\r\n"));
        String to = request.header("To").orElse("");
        if (code > 100 && !to.contains("tag=")) {
            to += ";tag=fake" + Math.abs(request.callId().hashCode());
        }
        response.append("From: ").append(request.header("From").orElse("")).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Call-ID: ").append(request.callId()).append("\r\n")
                .append("CSeq: ").append(request.header("CSeq").orElse("")).append("\r\n")
                .append("Contact: <sip:7878@127.0.0.1:").append(sipPort()).append(">\r\n");
        if (code >= 300 && extraResponseHeader != null) {
            response.append(extraResponseHeader).append("\r\n");
        }
        String content = body == null ? "" : body;
        if (contentType != null) {
            response.append("Content-Type: ").append(contentType).append("\r\n");
        }
        return response.append("Content-Length: ").append(content.length()).append("\r\n\r\n").append(content)
                .toString();
    }

    private static String reason(int code) {
        return switch (code) {
            case 100 -> "Trying";
            case 200 -> "OK";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 486 -> "Busy Here";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private void send(String text, SocketAddress to) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        try {
            sip.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            // closed while answering: the test is over
        }
    }

    private void receiveRtp() {
        byte[] buffer = new byte[2048];
        while (!rtp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                rtp.receive(packet);
            } catch (IOException e) {
                return;
            }
            rtpReceived.add(new Received((InetSocketAddress) packet.getSocketAddress(),
                    java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
        }
    }
}
