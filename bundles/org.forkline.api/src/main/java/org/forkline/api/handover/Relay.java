package org.forkline.api.handover;

/**
 * A callback relay made by {@link Handover#relay}. Calls of {@code void} methods made while no target is attached
 * are queued (up to the capacity; beyond, dropped and counted) and replayed in order to the next target; a call
 * of a method with a result while none is attached throws {@link IllegalStateException}.
 */
public interface Relay<T> {

    /** The object to hand out in place of the target; it implements {@code T}. */
    T proxy();

    /** Forwards from now on to {@code target}, after replaying the queued calls to it. */
    void attach(T target);

    /** Stops forwarding: calls are queued from now on. */
    void detach();

    /** Calls dropped because the queue was full. */
    long dropped();
}
