package org.forkline.sip.internal.call;

import java.util.Locale;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.sdp.OfferedCodec;
import org.forkline.sip.internal.sdp.SdpException;
import org.forkline.sip.internal.sdp.SdpParser;
import org.forkline.sip.internal.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * re-INVITE and UPDATE inside a recording dialog: session refresh, hold and resume (a new offer), and new
 * far-end data in the From header.
 */
final class SessionUpdateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SessionUpdateHandler.class);

    private final CallContext context;
    private final InDialogHandler dialogs;

    SessionUpdateHandler(CallContext context, InDialogHandler dialogs) {
        this.context = context;
        this.dialogs = dialogs;
    }

    void handle(RequestEvent event) throws SipException {
        Request request = event.getRequest();
        Signalling signalling = context.signalling();
        ServerTransaction transaction = signalling.serverTransaction(event);
        if (transaction == null) {
            return;
        }
        Leg leg = dialogs.find(request);
        if (leg == null || !leg.isAnswered()) {
            dialogs.unknownDialog(transaction, request);
            return;
        }
        SipSettings settings = context.settings().get();
        LegTimers.Ask timer;
        try {
            timer = LegTimers.read(request);
        } catch (IllegalArgumentException e) {
            refuse(transaction, request, leg, Response.BAD_REQUEST, "Bad session timer: " + e.getMessage(), null);
            return;
        }
        if (LegTimers.tooSmall(timer, settings)) {
            refuse(transaction, request, leg, 422, "Session Interval Too Small",
                    Integer.toString(settings.minSessionExpiresSeconds()));
            return;
        }
        String body = Headers.body(request);
        boolean hasBody = body != null && !body.isBlank();
        if (hasBody && !"application/sdp".equals(Headers.contentType(request))) {
            Response response = signalling.response(request, Response.UNSUPPORTED_MEDIA_TYPE, null, null);
            signalling.header(response, "Accept", "application/sdp");
            signalling.send(transaction, response);
            LOG.warn("{} of {} refused with 415: body is {}", request.getMethod(), leg, Headers.contentType(request));
            return;
        }
        Response ok = signalling.response(request, Response.OK, null, null);
        signalling.contact(ok, request, settings, leg.transport());
        signalling.header(ok, "Allow", Signalling.ALLOW);
        signalling.header(ok, "Supported", "timer");
        String change;
        if (hasBody) {
            SessionDescription offer;
            try {
                offer = SdpParser.parse(body);
            } catch (SdpException e) {
                refuse(transaction, request, leg, Response.BAD_REQUEST, "Bad SDP: " + e.getMessage(), null);
                return;
            }
            OfferedCodec chosen = offer.isSecure() ? null : leg.codecs().firstDecodable(offer).orElse(null);
            if (chosen == null) {
                refuse(transaction, request, leg, Response.NOT_ACCEPTABLE_HERE, offer.isSecure()
                        ? "SRTP (" + offer.profile() + ") is not supported" : "no offered codec can be decoded", null);
                return;
            }
            MediaNegotiation.apply(leg, offer, chosen);
            signalling.sdp(ok, MediaNegotiation.answer(leg, settings, offer, chosen));
            String direction = offer.direction().name().toLowerCase(Locale.ROOT);
            change = offer.direction().silent() ? "hold (" + direction + ")"
                    : "media " + chosen.codec().encodingName() + " from " + MediaNegotiation.source(offer) + " ("
                            + direction + ")";
        } else if (Request.INVITE.equals(request.getMethod())) {
            leg.answerExpectedInAck(true);
            signalling.sdp(ok, MediaNegotiation.offer(leg, settings));
            change = null;
        } else {
            change = null;
        }
        dialogs.refreshMetadata(leg, request);
        int granted = LegTimers.grant(timer, settings);
        LegTimers.addHeaders(signalling, ok, granted);
        if (signalling.send(transaction, ok)) {
            context.timers().arm(leg, granted);
        }
        if (change != null) {
            LOG.info("{} of {}: {}", request.getMethod(), leg, change);
        } else {
            LOG.debug("{} of {}: session refreshed for {} s", request.getMethod(), leg, granted);
        }
    }

    private void refuse(ServerTransaction transaction, Request request, Leg leg, int code, String why,
            String minSe) {
        Response response = context.signalling().response(request, code, why, null);
        if (minSe != null) {
            context.signalling().header(response, "Min-SE", minSe);
        }
        context.signalling().send(transaction, response);
        LOG.warn("{} of {} refused with {}: {}; the leg continues unchanged", request.getMethod(), leg, code,
                why != null ? why : response.getReasonPhrase());
    }
}
