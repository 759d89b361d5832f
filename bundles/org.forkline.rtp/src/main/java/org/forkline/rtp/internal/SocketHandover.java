package org.forkline.rtp.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;

import org.forkline.api.handover.Handover;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaUnavailableException;
import org.forkline.api.media.RemoteMedia;
import org.forkline.api.storage.PcmSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the open sockets of legs in progress to a new session without closing them: from the previous activation
 * of the RTP capture (through the Handover service), from a session of this activation, and to the next activation.
 */
final class SocketHandover {

    /** Makes a session of the RTP capture, not yet reading, on a given loop and port. */
    interface SessionMaker {
        RtpSession make(String label, PcmSink sink, MediaListener listener, LoopContext context, int port);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SocketHandover.class);
    private static final long WAIT_SECONDS = 10;

    private final ParkedPorts parked;
    private final PortPool ports;
    private final Map<EventLoop, LoopContext> contexts;
    private final Set<RtpSession> active;
    private final SessionMaker maker;
    private volatile ScheduledFuture<?> expiry;

    SocketHandover(PortPool ports, Map<EventLoop, LoopContext> contexts, Set<RtpSession> active,
            SessionMaker maker) {
        this.parked = new ParkedPorts(ports);
        this.ports = ports;
        this.contexts = contexts;
        this.active = active;
        this.maker = maker;
    }

    /**
     * Takes over the sockets the previous activation parked, registered with {@code group} but not read until their
     * legs resume; those that no leg asks for within the handover window are closed then.
     */
    void claim(Handover desk, EventLoopGroup group) {
        long start = System.nanoTime();
        int count = parked.claim(desk, () -> (EventLoop) group.next());
        if (count == 0) {
            return;
        }
        int window = desk.windowSeconds();
        expiry = group.schedule(() -> {
            int closed = parked.closeWaiting();
            if (closed > 0) {
                LOG.warn("RTP capture: {} handed-over port pairs were not resumed by their legs within {} s; closed "
                        + "them, the audio of those legs is no longer recorded", closed, window);
            }
        }, window, TimeUnit.SECONDS);
        LOG.info("RTP capture: took over the sockets of {} legs from the previous activation in {} ms; they wait up "
                + "to {} s for their legs to resume", count, (System.nanoTime() - start) / 1_000_000, window);
    }

    /**
     * A new session for a resumed leg on the sockets someone still holds for {@code port}: a session of this
     * activation (only storage restarted), else the previous activation. Null when nobody holds them.
     */
    RtpSession take(String label, PcmSink sink, MediaListener listener, int port, RemoteMedia remote)
            throws MediaUnavailableException {
        RtpSession session = takeFromSession(label, sink, listener, port, remote);
        return session != null ? session : takeParked(label, sink, listener, port, remote);
    }

    private RtpSession takeFromSession(String label, PcmSink sink, MediaListener listener, int port,
            RemoteMedia remote) {
        RtpSession holder = active.stream().filter(s -> s.port() == port).findFirst().orElse(null);
        if (holder == null) {
            return null;
        }
        RtpSession next = maker.make(label, sink, listener, holder.context(), port);
        active.add(next);
        Future<Boolean> passed = holder.context().loop().submit(() -> holder.passTo(next, remote));
        if (passed.awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS) && passed.isSuccess() && passed.getNow()) {
            LOG.debug("RTP session {} took over port {} from session {}", label, port, holder.label());
            return next;
        }
        // The old session ended by itself meanwhile: wait until its sockets are closed, then bind again.
        active.remove(next);
        try {
            holder.close().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("RTP session {}: waiting for the end of session {} failed", label, holder.label(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private RtpSession takeParked(String label, PcmSink sink, MediaListener listener, int port,
            RemoteMedia remote) throws MediaUnavailableException {
        ParkedPorts.Parked handed = parked.take(port);
        if (handed == null) {
            return null;
        }
        List<Channel> pair = handed.channels();
        Channel rtp = pair.get(0);
        Channel rtcp = pair.get(1);
        LoopContext context = contexts.get(rtp.eventLoop());
        if (context == null || !rtp.isOpen() || !rtcp.isOpen()) {
            pair.forEach(ParkedPorts::close);
            ports.release(port);
            return null;
        }
        RtpSession next = maker.make(label, sink, listener, context, port);
        active.add(next);
        // Not awaited: the backlog of every leg grows in its socket buffer until its leg resumed, and a loop can take
        // a few ms to run a task; the session's own calls queue behind this one on the same loop.
        try {
            context.loop().execute(() -> {
                try {
                    next.attach(rtp, rtcp, remote, handed.continuation());
                } catch (RuntimeException e) {
                    LOG.error("RTP session {}: taking over handed-over port {} failed; the leg is not recorded from "
                            + "now on", label, port, e);
                    pair.forEach(ParkedPorts::close);
                    next.close();
                }
            });
        } catch (RejectedExecutionException e) {
            active.remove(next);
            pair.forEach(ParkedPorts::close);
            ports.release(port);
            throw new MediaUnavailableException("RTP capture is stopping (bundle org.forkline.rtp deactivated)", e);
        }
        LOG.debug("RTP session {} took over handed-over port {}", label, port);
        return next;
    }

    /**
     * Hands the sockets of every active leg, and those still waiting for their leg, to the next activation (bundle
     * update or restart): each session writes and closes its sink, its channels leave the event loop open, and
     * what arrives meanwhile waits in the kernel. Sessions that could not be parked stay active, to be closed.
     */
    void park(Handover desk) {
        long start = System.nanoTime();
        cancelExpiry();
        Map<Integer, ParkedPorts.Parked> handed = new HashMap<>(parked.deregisterWaiting());
        Map<Integer, CompletableFuture<ParkedPorts.Parked>> parking = new HashMap<>();
        for (RtpSession session : active) {
            parking.put(session.port(), session.park().toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(parking.values().toArray(CompletableFuture[]::new))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("RTP capture stopping: not every leg could be handed over within {} s ({}); those legs end",
                    WAIT_SECONDS, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parking.forEach((port, pair) -> {
            ParkedPorts.Parked leg = pair.getNow(null);
            if (leg != null) {
                handed.put(port, leg);
            }
        });
        Map<Integer, List<Channel>> channels = new HashMap<>();
        handed.forEach((port, leg) -> channels.put(port, leg.channels()));
        long timelines = handed.values().stream().filter(leg -> leg.continuation() != null).count();
        desk.park(ParkedPorts.KEY, ParkedPorts.parcel(channels, handed), () -> ParkedPorts.closeAll(channels));
        LOG.info("RTP capture stopping for a bundle update or restart: handed the sockets of {} legs ({} UDP ports, "
                + "{} with their timeline position) over to the next activation in {} ms", handed.size(),
                2 * handed.size(), timelines, (System.nanoTime() - start) / 1_000_000);
    }

    /** Closes the handed-over sockets no leg asked for (a real stop). */
    void closeWaiting() {
        cancelExpiry();
        parked.closeWaiting();
    }

    private void cancelExpiry() {
        ScheduledFuture<?> pending = expiry;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
