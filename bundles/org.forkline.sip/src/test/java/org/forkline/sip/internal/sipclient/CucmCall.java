package org.forkline.sip.internal.sipclient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One recording dialog as CUCM 11.5 sends it (shapes copied from PROTOCOL.md 1.2): the INVITE with the x-
 * parameters in the From URI, then ACK, re-INVITE, UPDATE, BYE or CANCEL inside the dialog.
 */
public final class CucmCall {

    /** CUCM's SDP answer from the ACK in PROTOCOL.md 1.2 (the phone sends PCMU from 10.48.38.107:26396). */
    public static final String ACK_ANSWER = sdp("10.48.38.107", 26396, "0 101", "sendonly");

    private final SipTestClient client;
    private final String callId = UUID.randomUUID() + "@10.48.38.5";
    private final String fromTag = "104958~" + UUID.randomUUID() + "-19301629";
    private final Map<String, String> fromParameters = new LinkedHashMap<>();
    private String fromUser = "1001";
    private String displayName = "SJ User 2";
    private int cseq = 101;
    private int inviteCseq;
    private String inviteVia;
    private String lastInvite;
    private String toTag;
    private String remoteTarget;

    private CucmCall(SipTestClient client) {
        this.client = client;
    }

    /** A leg of the call from PROTOCOL.md 1.2: {@code near} = x-nearend leg, else x-farend. */
    public static CucmCall leg(SipTestClient client, boolean near, String refci, String nearNumber) {
        CucmCall call = new CucmCall(client);
        call.fromUser = nearNumber;
        call.fromParameters.put(near ? "x-nearend" : "x-farend", null);
        call.fromParameters.put("x-refci", refci);
        call.fromParameters.put("x-nearendclusterid", "StandAloneCluster");
        call.fromParameters.put("x-nearenddevice", "SEP6C416A369525");
        call.fromParameters.put("x-nearendaddr", nearNumber);
        call.fromParameters.put("x-farendrefci", "19301624");
        call.fromParameters.put("x-farendclusterid", "StandAloneCluster");
        call.fromParameters.put("x-farenddevice", "SEP38ED18552A12");
        call.fromParameters.put("x-farendaddr", "1000");
        return call;
    }

    /** A plain INVITE without any x- parameter. */
    public static CucmCall plain(SipTestClient client, String fromUser) {
        CucmCall call = new CucmCall(client);
        call.fromUser = fromUser;
        call.displayName = "Plain Caller";
        return call;
    }

    public CucmCall fromParameter(String name, String value) {
        fromParameters.put(name, value);
        return this;
    }

    public String callId() {
        return callId;
    }

    public static String sdp(String address, int port, String payloadTypes, String direction) {
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=CiscoSystemsCCM-SIP 104958 1 IN IP4 10.48.38.5\r\n")
                .append("s=SIP Call\r\n")
                .append("c=IN IP4 ").append(address).append("\r\n")
                .append("b=TIAS:64000\r\n")
                .append("b=AS:64\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(" RTP/AVP ").append(payloadTypes).append("\r\n");
        for (String pt : payloadTypes.split(" ")) {
            switch (pt) {
                case "0" -> sdp.append("a=rtpmap:0 PCMU/8000\r\n");
                case "8" -> sdp.append("a=rtpmap:8 PCMA/8000\r\n");
                case "9" -> sdp.append("a=rtpmap:9 G722/8000\r\n");
                case "101" -> sdp.append("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n");
                default -> { }
            }
        }
        sdp.append("a=ptime:20\r\n");
        if (direction != null) {
            sdp.append("a=").append(direction).append("\r\n");
        }
        return sdp.toString();
    }

    public String from() {
        StringBuilder from = new StringBuilder("\"").append(displayName).append("\" <sip:").append(fromUser)
                .append("@10.48.38.5");
        fromParameters.forEach((name, value) -> {
            from.append(';').append(name);
            if (value != null) {
                from.append('=').append(value);
            }
        });
        return from.append(">;tag=").append(fromTag).toString();
    }

    /** The delayed-offer INVITE of PROTOCOL.md 1.2 (plus any extra header lines, each ending in CRLF). */
    public void invite(String extraHeaders, String sdp) throws IOException {
        inviteCseq = cseq;
        inviteVia = via();
        String headers = "Supported: timer,resource-priority,replaces\r\n"
                + "Supported: X-cisco-srtp-fallback\r\n"
                + "Supported: Geolocation\r\n"
                + "Min-SE:  1800\r\n"
                + "Session-Expires:  1800\r\n"
                + "Expires: 180\r\n"
                + "Allow: INVITE, OPTIONS, INFO, BYE, CANCEL, ACK, PRACK, UPDATE, REFER, SUBSCRIBE, NOTIFY\r\n"
                + "Allow-Events: presence, kpml\r\n"
                + "Call-Info: <sip:10.48.38.5:5060>;method=\"NOTIFY;Event=telephone-event;Duration=500\"\r\n"
                + "Call-Info: <urn:x-cisco-remotecc:callinfo>;x-cisco-video-traffic-class=DESKTOP\r\n"
                + "Session-ID: 0848153900105000a0006c416a369525;remote=00000000000000000000000000000000\r\n"
                + "Cisco-Guid: 0894781184-0000065536-0000000022-0086388750\r\n"
                + "P-Asserted-Identity: \"SJ User 2\" <sip:1001@10.48.38.5>\r\n"
                + "Remote-Party-ID: \"SJ User 2\" <sip:1001@10.48.38.5>;party=calling;screen=yes;privacy=off\r\n";
        lastInvite = request("INVITE", "sip:7878@" + client.serverHost() + ":" + client.serverPort(), inviteCseq, inviteVia, null,
                (extraHeaders == null ? headers : extraHeaders)
                        + "Contact: <sip:1001@" + client.host() + ":" + client.port() + ";transport="
                        + client.transport().toLowerCase() + ">;isFocus\r\n", sdp);
        client.send(lastInvite);
        cseq++;
    }

    /** Sends the last INVITE again, unchanged (RFC 3261 Timer A over UDP). */
    public void retransmitInvite() throws IOException {
        client.send(lastInvite);
    }

    /** Like {@link #invite} with only the mandatory headers (no session timer, no Supported). */
    public void minimalInvite(String sdp) throws IOException {
        invite("", sdp);
    }

    /** Waits for the 200 OK and remembers the dialog (To tag, Contact). */
    public SipMessage expectOk() throws IOException {
        SipMessage ok = client.awaitResponse("INVITE", 200);
        toTag = ok.toTag();
        remoteTarget = ok.contactUri();
        return ok;
    }

    public void ack(String sdp) throws IOException {
        client.send(request("ACK", remoteTarget, inviteCseq, via(), toTag, "", sdp));
    }

    public void bye(String reason) throws IOException {
        client.send(request("BYE", remoteTarget, cseq++, via(), toTag,
                reason == null ? "" : "Reason: " + reason + "\r\n", null));
    }

    public void reInvite(String sdp) throws IOException {
        inviteCseq = cseq;
        client.send(request("INVITE", remoteTarget, cseq++, via(), toTag,
                "Supported: timer\r\nSession-Expires: 1800\r\nContact: <sip:1001@" + client.host() + ":"
                        + client.port() + ">\r\n", sdp));
    }

    public void update(String sdp) throws IOException {
        client.send(request("UPDATE", remoteTarget, cseq++, via(), toTag,
                "Supported: timer\r\nSession-Expires: 1800\r\nContact: <sip:1001@" + client.host() + ":"
                        + client.port() + ">\r\n", sdp));
    }

    public void inDialog(String method) throws IOException {
        client.send(request(method, remoteTarget, cseq++, via(), toTag, "", null));
    }

    /** CANCEL of the pending INVITE: same Via branch and CSeq number. */
    public void cancel() throws IOException {
        client.send(request("CANCEL", "sip:7878@" + client.serverHost() + ":" + client.serverPort(), inviteCseq, inviteVia, null, "",
                null));
    }

    private String via() {
        return "SIP/2.0/" + client.transport() + " " + client.host() + ":" + client.port() + ";branch=z9hG4bK"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private String request(String method, String uri, int number, String via, String tag, String headers,
            String sdp) {
        byte[] body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "From: " + from() + "\r\n"
                + "To: <sip:7878@127.0.0.1>" + (tag == null ? "" : ";tag=" + tag) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + number + " " + method + "\r\n"
                + "User-Agent: Cisco-CUCM11.5\r\n"
                + "Max-Forwards: 70\r\n"
                + headers
                + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n"
                + (sdp == null ? "" : sdp);
    }
}
