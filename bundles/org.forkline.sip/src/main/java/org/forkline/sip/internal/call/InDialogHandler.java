package org.forkline.sip.internal.call;

import java.util.Locale;

import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.forkline.api.LegMetadata;
import org.forkline.sip.internal.metadata.FromHeaderParser;
import org.forkline.sip.internal.metadata.LegMetadataReader;
import org.forkline.sip.internal.metadata.MetadataException;
import org.forkline.sip.internal.sdp.OfferedCodec;
import org.forkline.sip.internal.sdp.SdpException;
import org.forkline.sip.internal.sdp.SdpParser;
import org.forkline.sip.internal.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Requests inside a recording dialog (ACK, BYE, CANCEL, INFO, NOTIFY) and the dialog's timeouts. */
final class InDialogHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InDialogHandler.class);

    private final CallContext context;

    InDialogHandler(CallContext context) {
        this.context = context;
    }

    /** ACK of our 200: for a delayed offer it carries the answer, which starts the media. */
    void ack(RequestEvent event) {
        Request ack = event.getRequest();
        Leg leg = context.registry().find(LegRegistry.key(Headers.callId(ack), Headers.fromTag(ack)));
        if (leg == null || !leg.isAnswered()) {
            LOG.debug("ACK for unknown or ended Call-ID {} ignored", Headers.callId(ack));
            return;
        }
        boolean initial = leg.state() == Leg.State.ANSWERED;
        if (leg.answerExpectedInAck()) {
            leg.answerExpectedInAck(false);
            try {
                SessionDescription answer = usableDescription(Headers.sdp(ack), "the ACK carries no SDP answer");
                if (answer.port() == 0) {
                    throw new SdpException("the answer rejects the audio stream (port 0)");
                }
                OfferedCodec chosen = leg.codecs().firstDecodable(answer).orElseThrow(() -> new SdpException(
                        "the answer names no codec of our offer"));
                MediaNegotiation.apply(leg, answer, chosen);
                LOG.debug("Media of {}: {} from {} ({})", leg, chosen.codec().encodingName(),
                        MediaNegotiation.source(answer), answer.direction().name().toLowerCase(Locale.ROOT));
            } catch (SdpException e) {
                if (initial) {
                    leg.confirm();
                    LOG.warn("ACK of {} has no usable SDP answer ({}): ending it with BYE "
                            + "(Reason: SIP;cause=488); check the codecs of CUCM's region for the recorder", leg,
                            e.getMessage());
                    context.terminator().end(leg, "NO_MEDIA", 488, e.getMessage().replace('"', '\''));
                    return;
                }
                LOG.warn("ACK of the re-INVITE of {} has no usable SDP answer ({}); media unchanged", leg,
                        e.getMessage());
            }
        }
        leg.confirm();
    }

    void bye(RequestEvent event) throws SipException {
        Request bye = event.getRequest();
        ServerTransaction transaction = context.signalling().serverTransaction(event);
        if (transaction == null) {
            return;
        }
        Leg leg = find(bye);
        if (leg == null) {
            unknownDialog(transaction, bye);
            return;
        }
        leg.farEndReason(Headers.value(bye, "Reason"));
        if (!leg.isAnswered() && leg.abort("BYE", true)) {
            answerTerminated(leg);
            LOG.info("BYE before the answer of {}: INVITE answered 487", leg);
        } else {
            context.terminator().end(leg, "BYE", 0, null);
        }
        context.signalling().send(transaction, context.signalling().response(bye, Response.OK, null, null));
    }

    /** CANCEL before our final answer: 200 to the CANCEL, 487 to the INVITE; the INVITE thread releases it. */
    void cancel(RequestEvent event) throws SipException {
        Request cancel = event.getRequest();
        ServerTransaction transaction = context.signalling().serverTransaction(event);
        if (transaction == null) {
            return;
        }
        Leg leg = context.registry().find(LegRegistry.key(Headers.callId(cancel), Headers.fromTag(cancel)));
        // abort before the 200 to the CANCEL goes out: once the caller has it, the INVITE must end with 487
        boolean aborted = leg != null && leg.abort("CANCEL", true);
        context.signalling().send(transaction, context.signalling().response(cancel, Response.OK, null, null));
        if (aborted) {
            answerTerminated(leg);
            LOG.info("INVITE {} cancelled by the caller: answered 487", leg);
        }
    }

    private void answerTerminated(Leg leg) {
        context.signalling().send(leg.invite(), context.signalling().response(leg.invite().getRequest(),
                Response.REQUEST_TERMINATED, null, leg.localTag()));
    }

    /** INFO, NOTIFY (KPML) and OPTIONS inside a dialog: acknowledged, nothing else to do. */
    void acknowledge(RequestEvent event) throws SipException {
        Request request = event.getRequest();
        ServerTransaction transaction = context.signalling().serverTransaction(event);
        if (transaction == null) {
            return;
        }
        if (find(request) == null) {
            unknownDialog(transaction, request);
            return;
        }
        context.signalling().send(transaction, context.signalling().response(request, Response.OK, null, null));
    }

    /** Methods we do not implement: 405 with Allow. */
    void notAllowed(RequestEvent event) throws SipException {
        Request request = event.getRequest();
        ServerTransaction transaction = context.signalling().serverTransaction(event);
        if (transaction == null) {
            return;
        }
        Response response = context.signalling().response(request, Response.METHOD_NOT_ALLOWED, null, null);
        context.signalling().header(response, "Allow", Signalling.ALLOW);
        context.signalling().send(transaction, response);
        LOG.info("SIP {} (Call-ID {}) answered 405: method not supported", request.getMethod(),
                Headers.callId(request));
    }

    /** The RI gave up waiting for the ACK of our 200. */
    void ackTimeout(Dialog dialog) {
        Leg leg = find(dialog);
        if (leg != null && leg.state() == Leg.State.ANSWERED) {
            LOG.warn("No ACK for the 200 OK of {}: ending it with BYE (ACK_TIMEOUT)", leg);
            context.terminator().end(leg, "ACK_TIMEOUT", 408, "no ACK received");
        }
    }

    /** Safety net: a dialog the RI terminated without us ending its leg. */
    void dialogTerminated(Dialog dialog) {
        Leg leg = find(dialog);
        if (leg != null && leg.isAnswered()) {
            LOG.warn("SIP dialog of {} terminated by the stack: ending the leg", leg);
            context.terminator().end(leg, "DIALOG_TERMINATED", 0, null);
        }
    }

    /** New From metadata (CUCM's UPDATE/re-INVITE after a remote transfer) goes to storage. */
    void refreshMetadata(Leg leg, Request request) {
        try {
            LegMetadata metadata = LegMetadataReader.read(FromHeaderParser.parse(Headers.value(request, "From")),
                    leg.callId());
            if (!metadata.equals(leg.metadata())) {
                leg.metadata(metadata);
                leg.handle().updateMetadata(metadata);
                LOG.info("New metadata for {} from {}: far end {} {}", leg, request.getMethod(),
                        metadata.far().number(), metadata.far().device());
            }
        } catch (MetadataException e) {
            LOG.warn("Ignoring the From header of the {} of {}: {}", request.getMethod(), leg, e.getMessage());
        }
    }

    Leg find(Request request) {
        Leg leg = context.registry().find(LegRegistry.key(Headers.callId(request), Headers.fromTag(request)));
        return leg != null && leg.localTag().equals(Headers.toTag(request)) ? leg : null;
    }

    private Leg find(Dialog dialog) {
        return dialog == null || dialog.getCallId() == null ? null
                : context.registry().find(LegRegistry.key(dialog.getCallId().getCallId(), dialog.getRemoteTag()));
    }

    void unknownDialog(ServerTransaction transaction, Request request) {
        context.signalling().send(transaction, context.signalling().response(request,
                Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null, null));
        LOG.info("SIP {} for an unknown dialog (Call-ID {}) answered 481", request.getMethod(),
                Headers.callId(request));
    }

    /** Parses an SDP and refuses streams we cannot record. */
    static SessionDescription usableDescription(String sdp, String missing) throws SdpException {
        if (sdp == null) {
            throw new SdpException(missing);
        }
        SessionDescription description = SdpParser.parse(sdp);
        if (description.isSecure()) {
            throw new SdpException("SRTP (" + description.profile() + ") is not supported");
        }
        return description;
    }
}
