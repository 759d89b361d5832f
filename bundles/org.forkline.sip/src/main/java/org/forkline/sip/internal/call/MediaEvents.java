package org.forkline.sip.internal.call;

import java.util.concurrent.Executor;

import org.forkline.api.media.MediaEndCause;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reacts to a media session that ended by itself: the leg is ended with a BYE telling CUCM why. The media layer
 * reports on an RTP event loop, so the work is handed to a worker thread. The leg is found by its session, so one
 * listener (or one relay of it) serves every leg, also those taken over from a previous activation.
 */
final class MediaEvents implements MediaListener {

    private static final Logger LOG = LoggerFactory.getLogger(MediaEvents.class);

    private final LegTerminator terminator;
    private final Executor workers;

    private final LegRegistry registry;

    MediaEvents(LegRegistry registry, LegTerminator terminator, Executor workers) {
        this.registry = registry;
        this.terminator = terminator;
        this.workers = workers;
    }

    @Override
    public void mediaEnded(MediaSession session, MediaEndCause cause) {
        Leg leg = registry.findByMedia(session);
        if (leg == null) {
            LOG.debug("Media session ended ({}) after its leg was released or moved to a new session", cause);
            return;
        }
        workers.execute(() -> endLeg(leg, cause));
    }

    private void endLeg(Leg leg, MediaEndCause cause) {
        if (!leg.isAnswered()) {
            leg.abort(cause.name(), false);  // the INVITE thread answers 503 and releases the leg
            return;
        }
        switch (cause) {
            case RTP_TIMEOUT -> {
                LOG.warn("No RTP received for {}: ending it with BYE (Reason: SIP;cause=408;text=\"no RTP\")", leg);
                terminator.end(leg, "RTP_TIMEOUT", 408, "no RTP");
            }
            case STORAGE_FAILURE -> {
                LOG.warn("Storage failed while recording {}: ending it with BYE (Reason: SIP;cause=500); check the "
                        + "data folder (disk full, I/O errors)", leg);
                terminator.end(leg, "STORAGE_FAILURE", 500, "recording storage failed");
            }
        }
    }
}
