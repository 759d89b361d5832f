package org.forkline.sip.internal.call;

import java.util.concurrent.ThreadLocalRandom;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.forkline.api.node.NodeStatus;
import org.forkline.sip.internal.SipSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.RequestEventExt;
import gov.nist.javax.sip.SipListenerExt;

/**
 * Entry point of every SIP event: refuses untrusted sources, routes requests by method and dialog, and counts
 * the handlers in flight so that shutdown can wait for them.
 */
final class RequestDispatcher implements SipListenerExt {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final CallContext context;
    private final InviteHandler invites;
    private final InDialogHandler dialogs;
    private final SessionUpdateHandler updates;
    private final InFlight inFlight;

    RequestDispatcher(CallContext context, InFlight inFlight, InviteHandler invites, InDialogHandler dialogs,
            SessionUpdateHandler updates) {
        this.context = context;
        this.inFlight = inFlight;
        this.invites = invites;
        this.dialogs = dialogs;
        this.updates = updates;
    }

    @Override
    public void processRequest(RequestEvent event) {
        inFlight.enter();
        Request request = event.getRequest();
        try {
            String source = event instanceof RequestEventExt ext ? ext.getRemoteIpAddress() : null;
            SipSettings settings = context.settings().get();
            if (!settings.trustedPeers().isTrusted(source)) {
                if (!Request.ACK.equals(request.getMethod())) {
                    refuseUntrusted(request, source, settings);
                }
                return;
            }
            route(event, request, source);
        } catch (Exception e) {
            LOG.error("Handling SIP {} (Call-ID {}) failed", request.getMethod(), Headers.callId(request), e);
        } finally {
            inFlight.exit();
        }
    }

    private void route(RequestEvent event, Request request, String source) throws Exception {
        boolean inDialog = Headers.toTag(request) != null;
        switch (request.getMethod()) {
            case Request.INVITE -> {
                if (inDialog) {
                    updates.handle(event);
                } else {
                    invites.handle(event, source);
                }
            }
            case Request.UPDATE -> updates.handle(event);
            case Request.ACK -> dialogs.ack(event);
            case Request.BYE -> dialogs.bye(event);
            case Request.CANCEL -> dialogs.cancel(event);
            case Request.INFO, Request.NOTIFY -> dialogs.acknowledge(event);
            case Request.OPTIONS -> {
                if (inDialog) {
                    dialogs.acknowledge(event);
                } else {
                    options(event, source);
                }
            }
            default -> dialogs.notAllowed(event);
        }
    }

    /** CUCM's OPTIONS ping: 200 while this node can record, else the unavailable code so CUCM uses the backup. */
    private void options(RequestEvent event, String source) throws Exception {
        ServerTransaction transaction = context.signalling().serverTransaction(event);
        if (transaction == null) {
            return;
        }
        Request request = event.getRequest();
        SipSettings settings = context.settings().get();
        Signalling signalling = context.signalling();
        NodeStatus status = context.status().get();
        Response response;
        if (status.canRecord()) {
            response = signalling.response(request, Response.OK, null, newTag());
            signalling.header(response, "Allow", Signalling.ALLOW);
            signalling.header(response, "Accept", "application/sdp");
            signalling.header(response, "Supported", "timer");
        } else {
            response = signalling.response(request, settings.codes().unavailable(), null, newTag());
            if (settings.retryAfterSeconds() > 0) {
                signalling.header(response, "Retry-After", Integer.toString(settings.retryAfterSeconds()));
            }
            if (context.throttle().tryAcquire("OPTIONS " + source) >= 0) {
                LOG.warn("OPTIONS from {} answered {}: this node cannot record ({}); CUCM sends new calls to the "
                        + "backup", source, response.getStatusCode(), String.join("; ", status.problems()));
            }
        }
        signalling.send(transaction, response);
    }

    private void refuseUntrusted(Request request, String source, SipSettings settings) {
        long suppressed = context.throttle().tryAcquire("untrusted " + source);
        if (suppressed >= 0) {
            LOG.warn("SIP {} from {} refused with {}: not in trustedPeers of etc/org.forkline.sip.cfg{}",
                    request.getMethod(), source, settings.codes().untrusted(),
                    suppressed > 0 ? " (" + suppressed + " more requests refused since the last warning)" : "");
        }
        context.signalling().sendStateless(
                context.signalling().response(request, settings.codes().untrusted(), null, newTag()));
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        if (event.getReason() == DialogTimeoutEvent.Reason.AckNotReceived) {
            dialogs.ackTimeout(event.getDialog());
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        dialogs.dialogTerminated(event.getDialog());
    }

    @Override
    public void processResponse(ResponseEvent event) {
        LOG.debug("Response {} to our {}", event.getResponse().getStatusCode(),
                event.getClientTransaction() == null ? "request" : event.getClientTransaction().getRequest()
                        .getMethod());
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.getClientTransaction() != null) {
            LOG.info("No answer to our {} (Call-ID {})", event.getClientTransaction().getRequest().getMethod(),
                    Headers.callId(event.getClientTransaction().getRequest()));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.info("SIP transport error towards {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing to release: legs are tracked by dialog, not by transaction
    }

    private static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
