package org.forkline.itests.support;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * CUCM's side of one forked recording dialog, in Java: for tests that must control the signalling step by step (learn
 * the node's RTP port from the 200 OK, stream from their own sender, be killed mid-call, receive the node's BYE).
 */
public final class SipUac implements AutoCloseable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final SipUdpClient sip;
    private final CucmLeg leg;
    private final String callId;
    private final String fromTag;
    private int cseq = 101;
    private String toTag;
    private String remoteTarget;
    private SipMessage answer;

    public SipUac(ForklineNode node, CucmLeg leg) {
        this(new SipUdpClient("127.0.0.1", new InetSocketAddress(node.address(), node.sipPort())), leg);
    }

    public SipUac(SipUdpClient sip, CucmLeg leg) {
        this.sip = sip;
        this.leg = leg;
        long unique = System.nanoTime();
        this.callId = Long.toHexString(unique) + "-" + leg.flag().substring(2) + "-" + leg.call().refci() + "@"
                + sip.localAddress();
        this.fromTag = Long.toString(unique % 1_000_000) + "~" + leg.call().refci();
    }

    public String callId() {
        return callId;
    }

    public SipUdpClient sip() {
        return sip;
    }

    /** Sends the delayed-offer INVITE CUCM sends (no body) and returns the final response; ACKs a failure. */
    public SipMessage invite() {
        return invite(null, null);
    }

    /** Sends the INVITE with a body (early offer), e.g. a malformed SDP; returns the final response. */
    public SipMessage invite(String contentType, String body) {
        String branch = SipUdpClient.newBranch();
        String content = body == null ? "" : body;
        StringBuilder invite = new StringBuilder()
                .append("INVITE ").append(requestUri()).append(" SIP/2.0\r\n")
                .append(via(branch))
                .append("From: ").append(from()).append("\r\n")
                .append("To: <sip:").append(leg.call().recorderUser()).append('@')
                .append(sip.target().getHostString()).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" INVITE\r\n")
                .append("User-Agent: Cisco-CUCM11.5\r\n")
                .append("Supported: timer,resource-priority,replaces\r\n")
                .append("Supported: X-cisco-srtp-fallback\r\n")
                .append("Supported: Geolocation\r\n")
                .append("Min-SE: 1800\r\n")
                .append("Session-Expires: 1800\r\n")
                .append("Expires: 180\r\n")
                .append("Allow: INVITE, OPTIONS, INFO, BYE, CANCEL, ACK, PRACK, UPDATE, REFER, SUBSCRIBE, NOTIFY\r\n")
                .append("Session-ID: ").append(leg.sessionId()).append(";remote=00000000000000000000000000000000\r\n")
                .append("Cisco-Guid: ").append(leg.ciscoGuid()).append("\r\n")
                .append("Contact: <sip:").append(leg.call().nearNumber()).append('@').append(sip.localAddress())
                .append(':').append(sip.localPort()).append(">;isFocus\r\n")
                .append("Max-Forwards: 70\r\n");
        if (contentType != null) {
            invite.append("Content-Type: ").append(contentType).append("\r\n");
        }
        invite.append("Content-Length: ").append(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .append("\r\n\r\n").append(content);
        sip.send(invite.toString());
        SipMessage response = sip.awaitFinalResponse(callId, "INVITE", ANSWER_TIMEOUT)
                .orElseThrow(() -> new AssertionError("no final response to the INVITE of " + leg.flag() + " refci "
                        + leg.call().refci() + " within " + ANSWER_TIMEOUT));
        if (response.statusCode() >= 300) {
            // The ACK of a failure belongs to the INVITE transaction: same branch, To with the response's tag.
            sip.send("ACK " + requestUri() + " SIP/2.0\r\n" + via(branch)
                    + "From: " + from() + "\r\n"
                    + "To: " + response.header("To").orElse("") + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " ACK\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n");
        } else {
            answer = response;
            toTag = response.toTag().orElseThrow(() -> new AssertionError("200 OK without To tag:\n" + response));
            remoteTarget = response.contactUri().orElse(requestUri());
        }
        return response;
    }

    /** The node's SDP offer from its 200 OK: where to send RTP. */
    public InetSocketAddress offeredMedia() {
        return Sdp.mediaAddress(answered().body());
    }

    /** The 200 OK to the INVITE. */
    public SipMessage answered() {
        if (answer == null) {
            throw new IllegalStateException("the INVITE was not answered with 2xx");
        }
        return answer;
    }

    /** ACKs the 200 OK with CUCM's SDP answer. */
    public void ack(String sdpAnswer) {
        answered();
        sip.send(inDialog("ACK", cseq, "application/sdp", sdpAnswer));
    }

    /** Ends the dialog; returns the final response to the BYE, or empty when the node does not answer. */
    public Optional<SipMessage> bye(Duration timeout) {
        answered();
        cseq++;
        sip.send(inDialog("BYE", cseq, null, ""));
        return sip.awaitFinalResponse(callId, "BYE", timeout);
    }

    /** Waits for a request of this dialog from the node (e.g. its BYE) and answers it 200 OK. */
    public Optional<SipMessage> awaitRequestAndAccept(String method, Duration timeout) {
        Optional<SipMessage> request = sip.await(m -> !m.isResponse() && m.method().equals(method)
                && m.callId().equals(callId), timeout);
        request.ifPresent(r -> sip.respond(r, 200, "OK"));
        return request;
    }

    @Override
    public void close() {
        sip.close();
    }

    private String inDialog(String method, int sequence, String contentType, String body) {
        StringBuilder message = new StringBuilder()
                .append(method).append(' ').append(remoteTarget).append(" SIP/2.0\r\n")
                .append(via(SipUdpClient.newBranch()))
                .append("From: ").append(from()).append("\r\n")
                .append("To: <sip:").append(leg.call().recorderUser()).append('@')
                .append(sip.target().getHostString()).append(">;tag=").append(toTag).append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(sequence).append(' ').append(method).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("User-Agent: Cisco-CUCM11.5\r\n");
        if (contentType != null) {
            message.append("Content-Type: ").append(contentType).append("\r\n");
        }
        return message.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body).toString();
    }

    private String requestUri() {
        return "sip:" + leg.call().recorderUser() + "@" + sip.target().getHostString() + ":" + sip.target().getPort();
    }

    private String via(String branch) {
        return "Via: SIP/2.0/UDP " + sip.localAddress() + ":" + sip.localPort() + ";branch=" + branch + "\r\n";
    }

    private String from() {
        CucmCall call = leg.call();
        return "\"" + call.nearDisplayName() + "\" <sip:" + call.nearNumber() + "@" + sip.localAddress() + ";"
                + leg.fromUriParameters() + ">;tag=" + fromTag;
    }
}
