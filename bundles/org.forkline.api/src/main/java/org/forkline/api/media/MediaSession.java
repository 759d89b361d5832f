package org.forkline.api.media;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

import org.forkline.api.MediaStats;

/** One bound RTP port receiving one forked stream. Methods are thread-safe. */
public interface MediaSession {

    /** The address and port to put into our SDP offer. */
    InetSocketAddress localAddress();

    /** Applies what the far side answered (ACK, re-INVITE, UPDATE): source, payload types, direction. */
    void configure(RemoteMedia remote);

    /** Counters so far. */
    MediaStats stats();

    /**
     * Stops receiving, writes what is still buffered, closes the sink and releases the port.
     * Idempotent; completes with the final counters, on a media thread: continue with an {@code ...Async} stage
     * on an executor of your own rather than blocking it.
     */
    CompletionStage<MediaStats> close();
}
