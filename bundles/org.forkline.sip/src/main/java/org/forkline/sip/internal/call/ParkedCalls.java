package org.forkline.sip.internal.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sip.Dialog;
import javax.sip.ServerTransaction;

import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;
import org.forkline.api.handover.Relay;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.RemoteMedia;
import org.forkline.api.storage.LegHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.SipListenerExt;

/**
 * The SIP side of a live handover as a parcel of JDK, API and JAIN-SIP objects: the endpoint with its dialogs,
 * the relays that the stack and the media sessions call, the services the legs were opened with, and one entry
 * per answered leg. The next activation has a new class loader, so nothing of this bundle's own types goes in.
 */
final class ParkedCalls {

    static final String KEY = "org.forkline.sip";

    private static final Logger LOG = LoggerFactory.getLogger(ParkedCalls.class);
    private static final String BINDING = "binding";
    private static final String SIP_RELAY = "relay.sip";
    private static final String MEDIA_RELAY = "relay.media";
    private static final String MEDIA_SERVICE = "service.media";
    private static final String RECORDING_SERVICE = "service.recordings";
    private static final String LEGS = "legs";

    private final Map<String, Object> parcel;

    private ParkedCalls(Map<String, Object> parcel) {
        this.parcel = parcel;
    }

    static ParkedCalls of(Map<String, Object> parcel) {
        return new ParkedCalls(parcel);
    }

    /** Packs the endpoint and the answered legs; the legs keep their media sessions and storage handles running. */
    static Map<String, Object> pack(SipEndpoint endpoint, String binding, Relay<SipListenerExt> sipRelay,
            Relay<MediaListener> mediaRelay, CallServices services, List<Leg> legs) {
        Map<String, Object> parcel = new HashMap<>(endpoint.parcel());
        parcel.put(BINDING, binding);
        parcel.put(SIP_RELAY, sipRelay);
        parcel.put(MEDIA_RELAY, mediaRelay);
        parcel.put(MEDIA_SERVICE, services.media());
        parcel.put(RECORDING_SERVICE, services.recordings());
        List<Map<String, Object>> entries = new ArrayList<>();
        legs.forEach(leg -> entries.add(ParkedLeg.pack(leg)));
        parcel.put(LEGS, List.copyOf(entries));
        return parcel;
    }

    String binding() {
        return (String) parcel.get(BINDING);
    }

    SipEndpoint endpoint() {
        SipEndpoint endpoint = SipEndpoint.adopt(parcel);
        endpoint.adoptListener(sipRelay().proxy());
        return endpoint;
    }

    @SuppressWarnings("unchecked")
    Relay<SipListenerExt> sipRelay() {
        return (Relay<SipListenerExt>) parcel.get(SIP_RELAY);
    }

    @SuppressWarnings("unchecked")
    Relay<MediaListener> mediaRelay() {
        return (Relay<MediaListener>) parcel.get(MEDIA_RELAY);
    }

    /** True when the media bundle was restarted since the legs were parked: their sessions are gone. */
    boolean mediaReplaced(CallServices services) {
        return parcel.get(MEDIA_SERVICE) != services.media();
    }

    /** True when the storage bundle was restarted since the legs were parked: their handles are gone. */
    boolean storageReplaced(CallServices services) {
        return parcel.get(RECORDING_SERVICE) != services.recordings();
    }

    @SuppressWarnings("unchecked")
    List<ParkedLeg> legs() {
        return ((List<Map<String, Object>>) parcel.get(LEGS)).stream().map(ParkedLeg::new).toList();
    }

    /**
     * Ends the parked calls the way a stopping node does (BYE, media closed, storage leg ended) and closes the
     * stack: nobody took them over. Runs on the handover service's thread with only the parked objects.
     */
    void release(String why) {
        List<ParkedLeg> legs = legs();
        SipEndpoint endpoint = endpoint();
        for (ParkedLeg leg : legs) {
            endpoint.signalling().bye(leg.dialog(), "Call-ID " + leg.callId(), 503, "recorder restarting");
            MediaStats stats = MediaStats.EMPTY;
            try {
                stats = leg.media().close().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("Closing the media of parked Call-ID {} failed: {}", leg.callId(), e.toString());
            }
            try {
                leg.handle().end("SHUTDOWN", stats);
            } catch (RuntimeException e) {
                LOG.warn("Ending the storage leg of parked Call-ID {} failed ({}); storage recovery seals it",
                        leg.callId(), e.toString());
            }
        }
        endpoint.close();
        LOG.warn("SIP handover: {} parked legs ended with BYE and the SIP stack closed, because {}", legs.size(), why);
    }

    /** One answered leg as parked: its dialog, state, metadata and the media and storage objects it uses. */
    static final class ParkedLeg {

        private final Map<String, Object> entry;

        ParkedLeg(Map<String, Object> entry) {
            this.entry = entry;
        }

        static Map<String, Object> pack(Leg leg) {
            Map<String, Object> entry = new HashMap<>();
            entry.put("callId", leg.callId());
            entry.put("remoteTag", leg.key().substring(leg.callId().length() + 1));
            entry.put("localTag", leg.localTag());
            entry.put("transport", leg.transport());
            entry.put("invite", leg.invite());
            entry.put("sdpSessionId", leg.sdpSessionId());
            entry.put("sdpVersion", leg.sdpVersion());
            entry.put("confirmed", leg.state() == Leg.State.CONFIRMED);
            entry.put("metadata", leg.metadata());
            entry.put("handle", leg.handle());
            entry.put("media", leg.media());
            entry.put("port", leg.media().localAddress().getPort());
            entry.put("answerExpectedInAck", leg.answerExpectedInAck());
            entry.put("sessionExpires", leg.sessionExpiresSeconds());
            entry.put("sessionDeadlineNanos", leg.sessionDeadlineNanos());
            putIfSet(entry, "dialog", leg.dialog());
            putIfSet(entry, "remote", leg.remote());
            putIfSet(entry, "negotiated", leg.negotiated());
            return entry;
        }

        private static void putIfSet(Map<String, Object> entry, String key, Object value) {
            if (value != null) {
                entry.put(key, value);
            }
        }

        /** The leg as this activation's type, in the state it was parked in; handle and media are set by the caller. */
        Leg leg() {
            Leg leg = new Leg(callId(), (String) entry.get("remoteTag"), (ServerTransaction) entry.get("invite"),
                    (String) entry.get("transport"), (String) entry.get("localTag"),
                    (Long) entry.get("sdpSessionId"), (Long) entry.get("sdpVersion"),
                    (Boolean) entry.get("confirmed") ? Leg.State.CONFIRMED : Leg.State.ANSWERED);
            leg.metadata((LegMetadata) entry.get("metadata"));
            leg.dialog(dialog());
            leg.remote(remote());
            leg.answerExpectedInAck((Boolean) entry.get("answerExpectedInAck"));
            leg.restoreNegotiated((String) entry.get("negotiated"));
            return leg;
        }

        String callId() {
            return (String) entry.get("callId");
        }

        Dialog dialog() {
            return (Dialog) entry.get("dialog");
        }

        RemoteMedia remote() {
            return (RemoteMedia) entry.get("remote");
        }

        LegHandle handle() {
            return (LegHandle) entry.get("handle");
        }

        MediaSession media() {
            return (MediaSession) entry.get("media");
        }

        int port() {
            return (Integer) entry.get("port");
        }

        int sessionExpires() {
            return (Integer) entry.get("sessionExpires");
        }

        long sessionDeadlineNanos() {
            return (Long) entry.get("sessionDeadlineNanos");
        }
    }
}
