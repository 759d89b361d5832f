package org.forkline.replication.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over method, path with query, node id and time, keyed with the cluster secret: signs this node's requests
 * and checks a peer's, within a small clock-skew window.
 */
final class RequestSigner {

    static final String NODE_HEADER = "X-Forkline-Node";
    static final String TIME_HEADER = "X-Forkline-Time";
    static final String SIGNATURE_HEADER = "X-Forkline-Signature";

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final byte[] secret;
    private final Duration maxSkew;
    private final Clock clock;

    RequestSigner(String secret, Duration maxSkew, Clock clock) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        this.maxSkew = maxSkew;
        this.clock = clock;
    }

    boolean configured() {
        return secret.length > 0;
    }

    /** The three headers of a request, as name/value pairs. */
    String[] headers(String method, String pathAndQuery, String nodeId) {
        String time = Long.toString(clock.instant().getEpochSecond());
        return new String[] {NODE_HEADER, nodeId, TIME_HEADER, time, SIGNATURE_HEADER,
                sign(method, pathAndQuery, nodeId, time)};
    }

    /** Null when the request is authentic, else why not (for the 401 body and the log; no secret in it). */
    String check(String method, String pathAndQuery, String nodeId, String time, String signature) {
        if (!configured()) {
            return "this node has no cluster secret configured (org.forkline.cluster secret)";
        }
        if (nodeId == null || time == null || signature == null) {
            return "missing " + NODE_HEADER + ", " + TIME_HEADER + " or " + SIGNATURE_HEADER;
        }
        if (!NODE_ID.matcher(nodeId).matches()) {
            return "invalid node id";
        }
        long seconds;
        try {
            seconds = Long.parseLong(time);
        } catch (NumberFormatException e) {
            return "invalid " + TIME_HEADER;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > maxSkew.toSeconds()) {
            return "request time is " + skew + " s away from this node's clock (at most " + maxSkew.toSeconds()
                    + " s allowed)";
        }
        byte[] expected = sign(method, pathAndQuery, nodeId, time).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return "wrong signature (different cluster secret?)";
        }
        return null;
    }

    private String sign(String method, String pathAndQuery, String nodeId, String time) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            String text = method + "\n" + pathAndQuery + "\n" + nodeId + "\n" + time;
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
