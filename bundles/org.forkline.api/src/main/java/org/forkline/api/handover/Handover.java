package org.forkline.api.handover;

import java.util.Map;
import java.util.Optional;

/**
 * Carries live state across the update or restart of a bundle, so that calls in progress survive it: the
 * stopping activation parks what it holds (sockets, SIP dialogs, open sessions), and the next activation of the
 * same component claims it. What is parked must be of types that outlive the parking bundle's class loader: JDK,
 * API or library types, never the parking bundle's own classes.
 */
public interface Handover {

    /**
     * Parks state for the next activation. A parcel that is not claimed within the handover window expires: its
     * {@code expiry} runs once, on a thread of the handover service, and must release what the state holds (close
     * sockets, end calls). Parking again under the same key expires the previous parcel first.
     *
     * @param key    who parks, e.g. the component's configuration PID
     * @param state  what the next activation needs
     * @param expiry releases the state when nobody claims it in time
     */
    void park(String key, Map<String, Object> state, Runnable expiry);

    /** Takes the parcel parked under {@code key}; a parcel is claimed once. */
    Optional<Map<String, Object>> claim(String key);

    /**
     * A relay for callbacks that a longer-lived party (a library, another bundle) holds: it forwards to the target
     * attached now, so the target can be replaced by the next activation without the caller noticing.
     *
     * @param type     the callback interface
     * @param capacity calls queued at most while no target is attached
     */
    <T> Relay<T> relay(Class<T> type, int capacity);

    /** Seconds a parcel waits to be claimed before it expires. */
    int windowSeconds();
}
