package org.forkline.sip.internal.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sip.message.Request;

import org.forkline.api.LegMetadata;
import org.forkline.api.RecordingUser;
import org.forkline.api.node.NodeStatus;
import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.metadata.FromHeaderParser;
import org.forkline.sip.internal.metadata.LegMetadataReader;
import org.forkline.sip.internal.metadata.MetadataException;
import org.forkline.sip.internal.sdp.CodecTable;
import org.forkline.sip.internal.sdp.OfferedCodec;
import org.forkline.sip.internal.sdp.SdpException;
import org.forkline.sip.internal.sdp.SdpParser;
import org.forkline.sip.internal.sdp.SessionDescription;

/**
 * The admission checks of an initial INVITE, in the order that decides CUCM's failover (DESIGN.md): untrusted
 * source, malformed or unsupported request, node cannot record, unknown user, channel limit.
 */
public final class InviteScreening {

    /** The outcome of the checks. */
    public sealed interface Verdict permits Admit, Reject {
    }

    /**
     * The INVITE may be recorded; the leg is counted in the registry.
     *
     * @param offer          the far side's early offer, or null (delayed offer)
     * @param chosen         the codec chosen from the early offer, or null
     * @param codecs         our codec table at admission
     * @param sessionExpires interval to grant, 0 when no session timer
     */
    public record Admit(LegMetadata metadata, SessionDescription offer, OfferedCodec chosen, CodecTable codecs,
            int sessionExpires) implements Verdict {
    }

    /**
     * Answer with a final non-2xx response.
     *
     * @param reasonPhrase null for the code's standard phrase
     * @param headers      extra headers (Retry-After, Unsupported, ...)
     * @param why          the reason in words, and what the operator can do, for the log
     * @param warn         log at WARN (else INFO)
     */
    public record Reject(int code, String reasonPhrase, Map<String, String> headers, String why, boolean warn)
            implements Verdict {
    }

    private final CallServices services;
    private final LegRegistry registry;
    private final Supplier<SipSettings> settings;
    private final Supplier<NodeStatus> status;

    public InviteScreening(CallServices services, LegRegistry registry, Supplier<SipSettings> settings,
            Supplier<NodeStatus> status) {
        this.services = services;
        this.registry = registry;
        this.settings = settings;
        this.status = status;
    }

    /** Runs the checks; on admission the leg is counted against the channel limit (atomically). */
    public Verdict screen(Leg leg, Request invite, String source) {
        SipSettings config = settings.get();
        if (!config.trustedPeers().isTrusted(source)) {
            return new Reject(config.codes().untrusted(), null, Map.of(),
                    "source " + source + " is not in trustedPeers of etc/org.forkline.sip.cfg", true);
        }
        LegMetadata metadata;
        try {
            metadata = LegMetadataReader.read(FromHeaderParser.parse(Headers.value(invite, "From")), leg.callId());
        } catch (MetadataException e) {
            return malformed("Bad From header: " + e.getMessage());
        }
        leg.metadata(metadata);
        List<String> required = new ArrayList<>(Headers.optionTags(invite, "Require"));
        required.removeIf("timer"::equals);
        if (!required.isEmpty()) {
            String tags = String.join(", ", required);
            return new Reject(420, "Bad Extension", Map.of("Unsupported", tags), required.contains("siprec")
                    ? "SIPREC (Require: siprec) is not supported yet; send CUCM media forking INVITEs"
                    : "the INVITE requires unsupported extensions: " + tags, true);
        }
        CodecTable codecs = CodecTable.of(services.media().codecs());
        SessionDescription offer = null;
        OfferedCodec chosen = null;
        String body = Headers.body(invite);
        if (body != null && !body.isBlank()) {
            if (!"application/sdp".equals(Headers.contentType(invite))) {
                return new Reject(415, null, Map.of("Accept", "application/sdp"),
                        "the INVITE body is " + Headers.contentType(invite) + ", only application/sdp is accepted",
                        true);
            }
            try {
                offer = SdpParser.parse(body);
            } catch (SdpException e) {
                return malformed("Bad SDP: " + e.getMessage());
            }
            Optional<String> unusable = unusable(offer, codecs);
            if (unusable.isPresent()) {
                return new Reject(488, "Not Acceptable Here", Map.of(), unusable.get(), true);
            }
            chosen = codecs.firstDecodable(offer).orElseThrow();
        }
        LegTimers.Ask timer;
        try {
            timer = LegTimers.read(invite);
        } catch (IllegalArgumentException e) {
            return malformed("Bad session timer: " + e.getMessage());
        }
        if (LegTimers.tooSmall(timer, config)) {
            return new Reject(422, "Session Interval Too Small",
                    Map.of("Min-SE", Integer.toString(config.minSessionExpiresSeconds())),
                    "Session-Expires " + timer.sessionExpires() + " is below minSessionExpiresSeconds "
                            + config.minSessionExpiresSeconds(), true);
        }

        NodeStatus node = status.get();
        if (!node.canRecord()) {
            return unavailable(config, "this node cannot record: " + String.join("; ", node.problems()));
        }
        String number = metadata.near().number();
        if (!config.recordUnknownNumbers()) {
            Optional<RecordingUser> user = number == null ? Optional.empty() : services.users().find(number);
            if (user.isEmpty()) {
                return new Reject(config.codes().unknownUser(), null, Map.of(), number == null
                        ? "the INVITE names no near-end number (no x-nearendaddr, no From user)"
                        : number + " is not a recording user; add it with forkline:users add " + number
                                + " or set recordUnknownNumbers = true in etc/org.forkline.sip.cfg", false);
            }
            if (!user.get().enabled()) {
                return new Reject(config.codes().unknownUser(), null, Map.of(),
                        "recording user " + number + " is disabled; enable it to record its calls", false);
            }
        }
        String pairKey = metadata.pairKey();
        boolean knownCall = services.recordings().isActive(pairKey);
        if (registry.admit(leg, pairKey, config.channelLimit(), knownCall) == LegRegistry.Admission.CHANNEL_LIMIT) {
            return new Reject(config.codes().channelLimit(), null, Map.of(), "channelLimit " + config.channelLimit()
                    + " reached (" + registry.activeCalls() + " calls recording); raise channelLimit in "
                    + "etc/org.forkline.sip.cfg", true);
        }
        return new Admit(metadata, offer, chosen, codecs, LegTimers.grant(timer, config));
    }

    /** The node cannot take the call now: CUCM should fail over to the backup. */
    static Reject unavailable(SipSettings config, String why) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (config.retryAfterSeconds() > 0) {
            headers.put("Retry-After", Integer.toString(config.retryAfterSeconds()));
        }
        return new Reject(config.codes().unavailable(), null, headers, why, true);
    }

    private static Reject malformed(String why) {
        return new Reject(400, why, Map.of(), why, true);
    }

    private static Optional<String> unusable(SessionDescription offer, CodecTable codecs) {
        if (offer.isSecure()) {
            return Optional.of("the offer uses SRTP (" + offer.profile() + "), which is not supported");
        }
        if (offer.port() == 0) {
            return Optional.of("the offer rejects its audio stream (port 0)");
        }
        if (codecs.firstDecodable(offer).isEmpty()) {
            return Optional.of("no offered codec can be decoded (offered: " + offer.formats().values().stream()
                    .map(f -> f.encodingName() + "/" + f.clockRate()).collect(Collectors.joining(", "))
                    + "; decoded here: " + codecs.offered().stream().map(c -> c.codec().encodingName())
                    .collect(Collectors.joining(", ")) + ")");
        }
        return Optional.empty();
    }
}
