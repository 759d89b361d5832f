package org.forkline.sip.internal.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sip.DialogTerminatedEvent;
import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;

import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.peer.IpLiterals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * The JAIN-SIP stack of one activation: one listening point per transport on the configured address and port,
 * one provider. The stack is constructed directly (not through {@code SipFactory}, which keeps every stack it
 * ever created in a static table), so a stopped stack leaves nothing behind.
 */
public final class SipEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);
    private static final String STACK = "sip.stack";
    private static final String PROVIDER = "sip.provider";
    private static final String LISTENING_POINTS = "sip.listeningPoints";

    private final SipStackImpl stack;
    private final SipProvider provider;
    private final List<ListeningPoint> listeningPoints;
    private final Signalling signalling;
    private SipListener listener;

    private SipEndpoint(SipStackImpl stack, SipProvider provider, List<ListeningPoint> listeningPoints) {
        this.stack = stack;
        this.provider = provider;
        this.listeningPoints = listeningPoints;
        this.signalling = new Signalling(provider, new MessageFactoryImpl(), new HeaderFactoryImpl(),
                new AddressFactoryImpl());
    }

    /**
     * Binds every configured transport; nothing is delivered until {@link #listen}.
     *
     * @throws SipBindException when the stack cannot be created or a port cannot be bound
     */
    public static SipEndpoint open(SipSettings settings, String stackName, Map<String, String> stackOverrides)
            throws SipBindException {
        SipStackImpl stack;
        try {
            stack = new SipStackImpl(StackProperties.create(stackName, stackOverrides));
        } catch (Exception e) {
            throw new SipBindException("cannot create the SIP stack: " + e.getMessage(), e);
        }
        List<ListeningPoint> points = new ArrayList<>();
        String address = IpLiterals.format(settings.address());
        try {
            for (String transport : settings.transports()) {
                points.add(stack.createListeningPoint(address, settings.port(), transport));
            }
            SipProvider provider = stack.createSipProvider(points.get(0));
            for (ListeningPoint point : points.subList(1, points.size())) {
                provider.addListeningPoint(point);
            }
            stack.start();
            return new SipEndpoint(stack, provider, points);
        } catch (Exception e) {
            stack.stop();
            String cause = e.getCause() != null && e.getCause() != e ? e.getCause().getMessage() : e.getMessage();
            throw new SipBindException("cannot listen on " + settings.binding() + ": " + cause, e);
        }
    }

    /** Takes over the endpoint that the previous activation parked (see {@link #parcel}); nothing is re-bound. */
    @SuppressWarnings("unchecked")
    static SipEndpoint adopt(Map<String, Object> parcel) {
        return new SipEndpoint((SipStackImpl) parcel.get(STACK), (SipProvider) parcel.get(PROVIDER),
                (List<ListeningPoint>) parcel.get(LISTENING_POINTS));
    }

    /**
     * The stack, provider and listening points for the next activation, which {@link #adopt}s them: JAIN-SIP
     * types only, since the next activation has a new class loader. The current listener stays attached.
     */
    Map<String, Object> parcel() {
        return Map.of(STACK, stack, PROVIDER, provider, LISTENING_POINTS, List.copyOf(listeningPoints));
    }

    public Signalling signalling() {
        return signalling;
    }

    /** Starts delivering requests to the listener. */
    public synchronized void listen(SipListener sipListener) throws java.util.TooManyListenersException {
        provider.addSipListener(sipListener);
        listener = sipListener;
    }

    /** The listener that the previous activation attached to an adopted endpoint (a relay), to remove on close. */
    synchronized void adoptListener(SipListener attached) {
        listener = attached;
    }

    /** Unbinds everything and stops the stack's threads. */
    public synchronized void close() {
        if (listener != null) {
            provider.removeSipListener(listener);
            listener = null;
        }
        for (ListeningPoint point : listeningPoints) {
            try {
                provider.removeListeningPoint(point);
                stack.deleteListeningPoint(point);
            } catch (Exception e) {
                LOG.debug("Removing listening point {} failed: {}", point, e.getMessage());
            }
        }
        try {
            stack.deleteSipProvider(provider);
        } catch (Exception e) {
            LOG.debug("Removing the SIP provider failed: {}", e.getMessage());
        }
        EventScanner scanner = stack.getEventScanner();
        stack.stop();
        if (scanner != null) {
            // The RI's event scanner thread waits in queue.take() and never sees its stop flag: one event (to a
            // provider without listener, so nobody is called) wakes it up to exit.
            scanner.addEvent(new EventWrapper(new DialogTerminatedEvent(provider, null), null));
        }
    }

    /** The endpoint could not be started. */
    public static final class SipBindException extends Exception {

        private static final long serialVersionUID = 1L;

        SipBindException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
