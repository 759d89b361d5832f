package org.forkline.sip.internal.call;

import java.text.ParseException;
import java.util.List;
import java.util.Set;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.forkline.sip.internal.SipSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and sends our SIP messages: responses carrying the headers every answer needs, and BYEs. */
public final class Signalling {

    /** Methods we accept, for Allow headers. */
    public static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, INFO, NOTIFY";

    private static final Logger LOG = LoggerFactory.getLogger(Signalling.class);
    private static final int MAX_REASON_PHRASE = 200;
    private static final Set<String> LIST_HEADERS = Set.of("Allow", "Supported", "Require", "Unsupported", "Accept");

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;

    public Signalling(SipProvider provider, MessageFactory messages, HeaderFactory headers,
            AddressFactory addresses) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
    }

    /** The request's server transaction, created if needed; null when the request is a retransmission. */
    ServerTransaction serverTransaction(RequestEvent event) throws SipException {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        }
    }

    /**
     * A response with {@code Server: Forkline} and, when the request had none, our To tag.
     *
     * @param reasonPhrase null keeps the standard phrase of the code
     */
    Response response(Request request, int code, String reasonPhrase, String toTag) {
        try {
            Response response = messages.createResponse(code, request);
            if (reasonPhrase != null) {
                response.setReasonPhrase(sanitize(reasonPhrase));
            }
            response.setHeader(headers.createServerHeader(List.of("Forkline")));
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (code > 100 && to != null && to.getTag() == null && toTag != null) {
                to.setTag(toTag);
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a " + code + " response", e);
        }
    }

    /**
     * Adds a header given as text ({@code Retry-After}, {@code 30}); our own values always parse. The RI builds
     * list headers (Allow, Supported, ...) one element at a time, so their values are split at commas.
     */
    void header(Message message, String name, String value) {
        try {
            if (LIST_HEADERS.contains(name)) {
                for (String element : value.split(",")) {
                    message.addHeader(headers.createHeader(name, element.strip()));
                }
            } else {
                message.addHeader(headers.createHeader(name, value));
            }
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build header " + name + ": " + value, e);
        }
    }

    void sdp(Message message, String sdp) {
        try {
            message.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot attach SDP", e);
        }
    }

    /** Contact {@code <sip:user@host:port;transport=udp>} of our side. */
    void contact(Response response, Request request, SipSettings settings, String transport) {
        try {
            String user = request.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
            String requestHost = request.getRequestURI() instanceof SipURI uri ? uri.getHost() : null;
            SipURI contact = addresses.createSipURI(user, settings.contactHost(requestHost));
            contact.setPort(settings.port());
            contact.setTransportParam(transport);
            response.setHeader(headers.createContactHeader(addresses.createAddress(contact)));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build Contact", e);
        }
    }

    /** Sends a response; a failure (peer gone, transaction over) is logged, not thrown. */
    boolean send(ServerTransaction transaction, Response response) {
        try {
            transaction.sendResponse(response);
            return true;
        } catch (SipException | RuntimeException | InvalidArgumentException e) {
            LOG.warn("Could not send {} {} for Call-ID {}: {}", response.getStatusCode(), response.getReasonPhrase(),
                    Headers.callId(response), e.getMessage());
            return false;
        }
    }

    /** Sends a response without a transaction (refusals that must cost us nothing). */
    void sendStateless(Response response) {
        try {
            provider.sendResponse(response);
        } catch (SipException | RuntimeException e) {
            LOG.debug("Could not send {} statelessly: {}", response.getStatusCode(), e.getMessage());
        }
    }

    /**
     * Ends the dialog from our side with {@code Reason: SIP;cause=...;text="..."}.
     *
     * @return false when no BYE could be sent (no dialog, transport failure)
     */
    boolean bye(Leg leg, int cause, String text) {
        return bye(leg.dialog(), leg.toString(), cause, text);
    }

    /**
     * Ends a dialog from our side with {@code Reason: SIP;cause=...;text="..."}.
     *
     * @param what the leg, for the log
     * @return false when no BYE could be sent (no dialog, transport failure)
     */
    boolean bye(Dialog dialog, String what, int cause, String text) {
        if (dialog == null) {
            return false;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            bye.addHeader(headers.createReasonHeader("SIP", cause, text));
            ClientTransaction transaction = provider.getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
            return true;
        } catch (SipException | ParseException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("Could not send BYE for {}: {}", what, e.getMessage());
            return false;
        }
    }

    private static String sanitize(String phrase) {
        String clean = phrase.replaceAll("[\\p{Cntrl}]", " ").strip();
        return clean.length() <= MAX_REASON_PHRASE ? clean : clean.substring(0, MAX_REASON_PHRASE);
    }
}
