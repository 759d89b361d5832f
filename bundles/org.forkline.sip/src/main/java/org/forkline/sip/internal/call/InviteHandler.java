package org.forkline.sip.internal.call;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.forkline.api.LegMetadata;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.MediaUnavailableException;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.StorageUnavailableException;
import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.call.InviteScreening.Admit;
import org.forkline.sip.internal.call.InviteScreening.Reject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an initial INVITE: 100 Trying at once from the stack's thread, then screening, storage leg, media
 * session and 200 OK on the admission pool. Answering off the stack's thread keeps its workers free and lets a
 * CANCEL through (the RI holds a CANCEL until the INVITE's listener call has returned).
 */
final class InviteHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InviteHandler.class);

    private final CallContext context;
    private final InviteScreening screening;
    private final MediaListener mediaListener;
    private final Executor admissions;
    private final InFlight inFlight;

    /** @param mediaListener told when a leg's media ends by itself (shared by every leg) */
    InviteHandler(CallContext context, InviteScreening screening, MediaListener mediaListener, Executor admissions,
            InFlight inFlight) {
        this.context = context;
        this.screening = screening;
        this.mediaListener = mediaListener;
        this.admissions = admissions;
        this.inFlight = inFlight;
    }

    void handle(RequestEvent event, String source) throws SipException {
        Request invite = event.getRequest();
        ServerTransaction transaction = context.signalling().serverTransaction(event);
        if (transaction == null) {
            return;  // a retransmission: the transaction layer answers it
        }
        Leg leg = new Leg(Headers.callId(invite), Headers.fromTag(invite), transaction, transport(invite));
        if (!context.registry().track(leg)) {
            context.signalling().send(transaction,
                    context.signalling().response(invite, Response.LOOP_DETECTED, null, leg.localTag()));
            LOG.warn("INVITE {} refused with 482: a dialog with this Call-ID and From tag exists already", leg);
            return;
        }
        context.signalling().send(transaction, context.signalling().response(invite, Response.TRYING, null, null));
        inFlight.enter();
        try {
            admissions.execute(() -> {
                try {
                    admit(leg, invite, source);
                } finally {
                    inFlight.exit();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.exit();
            refuse(leg, invite, InviteScreening.unavailable(context.settings().get(), "SIP is shutting down"));
        }
    }

    private void admit(Leg leg, Request invite, String source) {
        if (context.stopping().getAsBoolean() || leg.state() != Leg.State.ADMITTING) {
            refuse(leg, invite, InviteScreening.unavailable(context.settings().get(), "SIP is shutting down or the "
                    + "INVITE was aborted (" + leg.abortReason() + ") while waiting for admission"));
            return;
        }
        try {
            InviteScreening.Verdict verdict = screening.screen(leg, invite, source);
            if (verdict instanceof Reject reject) {
                refuse(leg, invite, reject);
            } else {
                accept(leg, invite, (Admit) verdict);
            }
        } catch (RuntimeException e) {
            LOG.error("INVITE {} failed unexpectedly", leg, e);
            switch (leg.state()) {
                case ADMITTING, ABORTED -> refuse(leg, invite,
                        InviteScreening.unavailable(context.settings().get(), "internal error: " + e));
                case ANSWERED, CONFIRMED -> context.terminator().end(leg, "ERROR", 500, "recorder error");
                default -> {
                    // already rejected or ended: whoever did that released the leg
                }
            }
        }
    }

    private void accept(Leg leg, Request invite, Admit admit) {
        SipSettings settings = context.settings().get();
        LegMetadata metadata = admit.metadata();
        LegHandle handle;
        try {
            handle = context.services().recordings().openLeg(metadata);
        } catch (StorageUnavailableException e) {
            refuse(leg, invite, InviteScreening.unavailable(settings, "storage cannot take the leg: " + e.getMessage()));
            return;
        }
        leg.handle(handle);
        if (leg.state() == Leg.State.ABORTED) {
            refuse(leg, invite, InviteScreening.unavailable(settings, "aborted (" + leg.abortReason() + ")"));
            return;
        }
        MediaSession media;
        try {
            media = context.services().media().open(mediaLabel(handle, leg), handle.sink(), mediaListener);
        } catch (MediaUnavailableException e) {
            refuse(leg, invite, InviteScreening.unavailable(settings, "no RTP port: " + e.getMessage()));
            return;
        }
        leg.media(media);
        leg.codecs(admit.codecs());
        int rtpPort = media.localAddress().getPort();
        String sdp;
        if (admit.offer() != null) {
            MediaNegotiation.apply(leg, admit.offer(), admit.chosen());
            sdp = MediaNegotiation.answer(leg, settings, admit.offer(), admit.chosen());
        } else {
            leg.answerExpectedInAck(true);
            sdp = MediaNegotiation.offer(leg, settings);
        }
        Signalling signalling = context.signalling();
        Response ok = signalling.response(invite, Response.OK, null, leg.localTag());
        signalling.contact(ok, invite, settings, leg.transport());
        signalling.header(ok, "Allow", Signalling.ALLOW);
        signalling.header(ok, "Supported", "timer");
        LegTimers.addHeaders(signalling, ok, admit.sessionExpires());
        signalling.sdp(ok, sdp);
        if (context.stopping().getAsBoolean()) {
            leg.abort("SHUTDOWN", false);
        }
        if (!leg.answer()) {
            refuse(leg, invite, InviteScreening.unavailable(settings, "the INVITE was aborted (" + leg.abortReason()
                    + ") before it was answered"));
            return;
        }
        leg.dialog(leg.invite().getDialog());
        if (!signalling.send(leg.invite(), ok)) {
            context.terminator().end(leg, "ERROR", 0, null);
            return;
        }
        context.timers().watchAck(leg);
        context.timers().arm(leg, admit.sessionExpires());
        LOG.info("Recording {}: recording {}, RTP port {}, {}", leg, handle.recordingId(), rtpPort,
                admit.offer() != null ? "early offer" : "answer expected in the ACK");
    }

    /**
     * Sends the final non-2xx answer, unless a CANCEL already answered the INVITE with 487, and releases what
     * the INVITE allocated.
     */
    private void refuse(Leg leg, Request invite, Reject reject) {
        if (leg.reject()) {
            Response response = context.signalling().response(invite, reject.code(), reject.reasonPhrase(),
                    leg.localTag());
            reject.headers().forEach((name, value) -> context.signalling().header(response, name, value));
            context.signalling().send(leg.invite(), response);
            if (reject.warn()) {
                LOG.warn("INVITE {} refused with {}: {}", leg, reject.code(), reject.why());
            } else {
                LOG.info("INVITE {} refused with {}: {}", leg, reject.code(), reject.why());
            }
        }
        context.terminator().release(leg, leg.state() == Leg.State.ABORTED ? leg.abortReason() : "ERROR");
    }

    /** How the media layer names a leg in its log lines. */
    static String mediaLabel(LegHandle handle, Leg leg) {
        return "recording " + handle.recordingId() + " leg " + handle.legId() + " (" + leg + ")";
    }

    private static String transport(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null || via.getTransport() == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
    }
}
