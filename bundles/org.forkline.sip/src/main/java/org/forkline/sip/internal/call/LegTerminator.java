package org.forkline.sip.internal.call;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.forkline.api.MediaStats;
import org.forkline.api.media.MediaSession;
import org.forkline.api.storage.LegHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends legs: optional BYE, media close, and only when the close completed the storage leg with the final
 * counters. Each leg is ended once, whichever path (BYE, timeout, media event, shutdown) gets there first.
 */
public final class LegTerminator {

    private static final Logger LOG = LoggerFactory.getLogger(LegTerminator.class);

    private final LegRegistry registry;
    private final Signalling signalling;
    /** Runs what follows a media close: it completes on an RTP event loop, which must never wait for storage. */
    private final Executor workers;
    /** Releases still running (media close, then storage end), so that shutdown can wait for the journals. */
    private final Set<CompletableFuture<?>> closing = ConcurrentHashMap.newKeySet();

    public LegTerminator(LegRegistry registry, Signalling signalling, Executor workers) {
        this.registry = registry;
        this.signalling = signalling;
        this.workers = workers;
    }

    /**
     * Ends an answered leg, sending a BYE with {@code Reason: SIP;cause=..;text=..} when {@code byeCause > 0}.
     *
     * @return false when the leg was not answered or is already ending
     */
    public boolean end(Leg leg, String reason, int byeCause, String byeText) {
        if (!leg.end()) {
            return false;
        }
        leg.sessionTimer(0, null);
        registry.remove(leg);
        if (byeCause > 0) {
            signalling.bye(leg, byeCause, byeText);
        }
        release(leg, reason);
        return true;
    }

    /** Releases media and storage of a leg that is over, whether it was ever answered or not. */
    public void release(Leg leg, String reason) {
        registry.remove(leg);
        MediaSession media = leg.media();
        LegHandle handle = leg.handle();
        if (media == null) {
            endStorageLeg(leg, handle, reason, MediaStats.EMPTY);
            return;
        }
        CompletableFuture<MediaStats> closed;
        try {
            closed = media.close().toCompletableFuture();
        } catch (RuntimeException e) {
            LOG.error("Closing the media of {} failed: {}", leg, e.toString());
            endStorageLeg(leg, handle, reason, lastStats(media));
            return;
        }
        CompletableFuture<Void> ended = closed.handleAsync((stats, error) -> {
            if (error != null) {
                LOG.error("Closing the media of {} failed: {}", leg, error.toString());
            }
            MediaStats last = stats != null ? stats : lastStats(media);
            if (leg.state() == Leg.State.ENDED) {  // it was answered: refusals have their own line
                logEnded(leg, reason, last);
            }
            endStorageLeg(leg, handle, reason, last);
            return null;
        }, workers);
        closing.add(ended);
        ended.whenComplete((nothing, error) -> closing.remove(ended));
    }

    /** Waits until every leg release started so far (media closed, storage leg ended) has completed. */
    public boolean awaitClosing(Duration timeout) {
        CompletableFuture<?>[] pending = closing.toArray(new CompletableFuture<?>[0]);
        try {
            CompletableFuture.allOf(pending).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;  // each failure was logged where it happened
        } catch (TimeoutException e) {
            LOG.warn("{} media sessions did not close within {} s", closing.size(), timeout.toSeconds());
            return false;
        }
    }

    /** The one line per recorded leg: which call, why it ended, what was received. */
    private static void logEnded(Leg leg, String reason, MediaStats stats) {
        String farEnd = leg.farEndReason();
        String media = leg.negotiated();
        LOG.info("Leg ended: {}, reason {}{}; {}: {} packets, {} lost, {} late, {} duplicate, {} from other sources, "
                + "{} malformed", leg, reason, farEnd != null ? " (" + farEnd + ")" : "",
                media != null ? media : "no media negotiated",
                stats.packetsReceived(), stats.packetsLost(), stats.packetsLate(), stats.packetsDuplicate(),
                stats.packetsUnexpectedSource(), stats.packetsMalformed());
    }

    private static void endStorageLeg(Leg leg, LegHandle handle, String reason, MediaStats stats) {
        if (handle == null) {
            return;
        }
        try {
            handle.end(reason, stats);
        } catch (RuntimeException e) {
            LOG.error("Ending the storage leg of {} ({}) failed: {}", leg, reason, e.toString());
        }
    }

    private static MediaStats lastStats(MediaSession media) {
        try {
            return media.stats();
        } catch (RuntimeException e) {
            return MediaStats.EMPTY;
        }
    }
}
