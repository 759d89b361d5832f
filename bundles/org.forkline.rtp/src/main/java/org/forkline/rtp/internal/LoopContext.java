package org.forkline.rtp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

import org.forkline.rtp.internal.timeline.MediaClock;
import org.forkline.rtp.internal.timeline.Scratch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one event-loop thread owns besides its channels: the decode scratch arrays shared by its sessions and one
 * periodic tick that drives their idle commits, flushes and inactivity watchdogs. Used only on that thread.
 */
final class LoopContext {

    static final long TICK_MILLIS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(LoopContext.class);

    private final EventLoop loop;
    private final MediaClock clock;
    private final Scratch scratch = new Scratch();
    private final List<RtpSession> sessions = new ArrayList<>();
    private ScheduledFuture<?> ticker;

    LoopContext(EventLoop loop, MediaClock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    EventLoop loop() {
        return loop;
    }

    Scratch scratch() {
        return scratch;
    }

    void start() {
        ticker = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    void add(RtpSession session) {
        sessions.add(session);
    }

    void remove(RtpSession session) {
        sessions.remove(session);
    }

    private void tick() {
        long now = clock.nanoTime();
        // Backwards, because a session that ends during its tick removes itself.
        for (int i = sessions.size() - 1; i >= 0; i--) {
            if (i < sessions.size()) {
                RtpSession session = sessions.get(i);
                try {
                    session.tick(now);
                } catch (RuntimeException e) {
                    // An exception escaping a periodic task would cancel it for every leg of this loop.
                    LOG.warn("RTP session {}: periodic work failed", session.label(), e);
                }
            }
        }
    }
}
