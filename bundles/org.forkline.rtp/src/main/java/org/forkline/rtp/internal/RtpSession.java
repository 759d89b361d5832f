package org.forkline.rtp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

import org.forkline.api.MediaStats;
import org.forkline.api.media.MediaEndCause;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.RemoteMedia;
import org.forkline.api.storage.PcmSink;
import org.forkline.rtp.internal.timeline.CodecCatalog;
import org.forkline.rtp.internal.timeline.Continuation;
import org.forkline.rtp.internal.timeline.LegReceiver;
import org.forkline.rtp.internal.timeline.MediaClock;
import org.forkline.rtp.internal.timeline.StreamCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leg's RTP and RTCP ports. Everything that touches the leg's state or its sink runs on the event loop the
 * channels are registered with; public methods hand their work to that loop.
 */
final class RtpSession implements MediaSession {

    /** Told when a session has released its ports, with its final counters. */
    interface Owner {
        void ended(RtpSession session, MediaStats finalStats);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);

    private final String label;
    private final MediaListener listener;
    private final LoopContext context;
    private final PortPool ports;
    private final Owner owner;
    private final MediaClock clock;
    private final int port;
    private final InetSocketAddress localAddress;
    private final long inactivityNanos;
    private final StreamCounters counters = new StreamCounters();
    private final LegReceiver receiver;
    private final CompletableFuture<MediaStats> closed = new CompletableFuture<>();
    private final CompletionStage<MediaStats> closedView = closed.minimalCompletionStage();
    private final RtpHandler rtpHandler = new RtpHandler();
    private final RtcpHandler rtcpHandler = new RtcpHandler();

    private Channel rtp;
    private Channel rtcp;
    private boolean started;
    private boolean finished;
    private long rtcpPackets;

    RtpSession(String label, PcmSink sink, MediaListener listener, LoopContext context, RtpSettings settings,
            int port, PortPool ports, Owner owner, CodecCatalog codecs, MediaClock clock) {
        this.label = label;
        this.listener = listener;
        this.context = context;
        this.ports = ports;
        this.owner = owner;
        this.clock = clock;
        this.port = port;
        this.localAddress = new InetSocketAddress(settings.offeredAddress(), port);
        this.inactivityNanos = TimeUnit.SECONDS.toNanos(settings.inactivityTimeoutSeconds());
        this.receiver = new LegReceiver(label, sink, settings.legOptions(), codecs, context.scratch(), counters,
                clock);
    }

    /**
     * Binds the RTP port and the RTCP port above it; reading starts once the session is registered with its
     * loop, so no packet is handled before the session is complete.
     *
     * @return null when bound, else why the bind failed (both ports are closed again then)
     */
    Throwable bind(Bootstrap template, RtpSettings settings) {
        ChannelFuture rtpBind = template.clone().handler(rtpHandler)
                .bind(settings.address(), port).awaitUninterruptibly();
        if (!rtpBind.isSuccess()) {
            return rtpBind.cause();
        }
        ChannelFuture rtcpBind = template.clone().handler(rtcpHandler)
                .bind(settings.address(), port + 1).awaitUninterruptibly();
        if (!rtcpBind.isSuccess()) {
            rtpBind.channel().close().awaitUninterruptibly();
            return rtcpBind.cause();
        }
        rtp = rtpBind.channel();
        rtcp = rtcpBind.channel();
        context.loop().execute(this::start);
        return null;
    }

    String label() {
        return label;
    }

    int port() {
        return port;
    }

    LoopContext context() {
        return context;
    }

    /**
     * On the loop: reads from now on the sockets another session or the previous activation handed over, judging
     * them by {@code remote} (null: none yet) from the first datagram on, and placing them on the timeline where
     * the previous reader stopped ({@code timeline}; null: a new timeline from the first packet). In the same loop
     * task as the hand-over itself, so no datagram falls between the two sessions.
     */
    void attach(Channel rtpChannel, Channel rtcpChannel, RemoteMedia remote, Continuation timeline) {
        if (timeline != null) {
            receiver.resumeFrom(timeline);
        }
        if (remote != null) {
            receiver.configure(remote, clock.nanoTime());
        }
        rtp = rtpChannel;
        rtcp = rtcpChannel;
        rtp.pipeline().addLast(rtpHandler);
        rtcp.pipeline().addLast(rtcpHandler);
        if (rtp.pipeline().get(Backlog.NAME) instanceof Backlog backlog) {
            List<Object> held = backlog.drain();
            rtp.pipeline().remove(backlog);
            held.forEach(datagram -> rtpHandler.channelRead(null, datagram));
            LOG.debug("RTP session {}: {} datagrams read from port {} before the leg resumed, replayed", label,
                    held.size(), port);
            if (backlog.dropped() > 0) {
                LOG.warn("RTP session {}: {} datagrams that arrived while port {} was handed over were dropped "
                        + "(backlog full)", label, backlog.dropped(), port);
            }
        }
        started = true;
        context.add(this);
        rtp.config().setAutoRead(true);
        rtcp.config().setAutoRead(true);
    }

    /**
     * On the loop: ends this session without closing its sockets and lets {@code next} read them from the next
     * datagram on (a resumed leg with a new sink). The listener is not told.
     *
     * @return false when this session has already ended (its sockets are closed or closing)
     */
    boolean passTo(RtpSession next, RemoteMedia remote) {
        if (finished || !started) {
            return false;
        }
        endWithoutClosing();
        rtp.pipeline().remove(rtpHandler);
        rtcp.pipeline().remove(rtcpHandler);
        next.attach(rtp, rtcp, remote, receiver.continuation());
        return true;
    }

    /**
     * Ends this session for a handover to the next activation: stops reading, takes both sockets off the event
     * loop (Netty deregister, the sockets stay open and the kernel buffers what arrives), then writes and closes
     * the sink. The listener is not told.
     *
     * @return the RTP and RTCP channel, not registered with any loop, and where the leg's timeline stands; null when
     *         the session had already ended
     */
    CompletionStage<ParkedPorts.Parked> park() {
        CompletableFuture<ParkedPorts.Parked> parked = new CompletableFuture<>();
        try {
            context.loop().execute(() -> parkOnLoop(parked));
        } catch (RejectedExecutionException e) {
            finish(null);
            parked.complete(null);
        }
        return parked;
    }

    private void parkOnLoop(CompletableFuture<ParkedPorts.Parked> parked) {
        if (finished || !started) {
            finish(null);
            parked.complete(null);
            return;
        }
        context.remove(this);
        rtp.config().setAutoRead(false);
        rtcp.config().setAutoRead(false);
        ChannelFuture rtpOff = rtp.deregister();
        ChannelFuture rtcpOff = rtcp.deregister();
        // Datagrams read until the deregistration is done still go through the receiver; only then it finishes.
        rtpOff.addListener(r -> rtcpOff.addListener(c -> {
            if (finished) {
                // Ended meanwhile (storage failure): its sockets are closed.
                parked.complete(null);
                return;
            }
            endWithoutClosing();
            rtp.pipeline().remove(rtpHandler);
            rtcp.pipeline().remove(rtcpHandler);
            if (rtpOff.isSuccess() && rtcpOff.isSuccess()) {
                parked.complete(new ParkedPorts.Parked(List.of(rtp, rtcp), receiver.continuation()));
            } else {
                LOG.warn("RTP session {}: port {} could not be handed over ({}); closing it", label, port,
                        rtpOff.isSuccess() ? rtcpOff.cause() : rtpOff.cause());
                ParkedPorts.close(rtp);
                ParkedPorts.close(rtcp);
                parked.complete(null);
            }
        }));
    }

    private void endWithoutClosing() {
        finished = true;
        context.remove(this);
        try {
            receiver.finish(true);
        } catch (IOException e) {
            LOG.warn("RTP session {} (port {}): writing its last audio before the handover failed ({}); the new "
                    + "session of this leg goes on", label, port, e.toString());
        }
        MediaStats stats = counters.snapshot();
        LOG.debug("RTP session {} on port {} handed over: {}, RTCP packets {}", label, port, stats, rtcpPackets);
        owner.ended(this, stats);
        closed.complete(stats);
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void configure(RemoteMedia remote) {
        Runnable apply = () -> {
            if (!finished) {
                receiver.configure(remote, clock.nanoTime());
            }
        };
        if (context.loop().inEventLoop()) {
            apply.run();
            return;
        }
        try {
            // Wait briefly so packets sent after configure() returns are judged by the new description.
            context.loop().submit(apply).awaitUninterruptibly(1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("RTP session {}: configure after the RTP capture stopped is ignored", label);
        }
    }

    @Override
    public MediaStats stats() {
        return counters.snapshot();
    }

    @Override
    public CompletionStage<MediaStats> close() {
        try {
            context.loop().execute(() -> finish(null));
        } catch (RejectedExecutionException e) {
            // The loop is gone (shutdown raced with us): nothing can run concurrently any more.
            finish(null);
        }
        return closedView;
    }

    /** Called by the loop's ticker. */
    void tick(long nowNanos) {
        if (finished) {
            return;
        }
        try {
            receiver.tick(nowNanos);
        } catch (IOException e) {
            storageFailed(e);
            return;
        }
        if (receiver.inactive(nowNanos, inactivityNanos)) {
            LOG.warn("RTP session {}: no RTP on port {} for {} s while the call is not on hold; ending the leg "
                    + "(RTP_TIMEOUT). If calls end like this often, check that the phone or gateway can reach {}:{} "
                    + "(firewall, NAT) or raise inactivityTimeoutSeconds", label, port,
                    inactivityNanos / 1_000_000_000L, localAddress.getAddress().getHostAddress(), port);
            finish(MediaEndCause.RTP_TIMEOUT);
        }
    }

    private void start() {
        if (finished) {
            // Closed while still binding (bundle stopping): its ports were already given back.
            rtp.close();
            rtcp.close();
            return;
        }
        started = true;
        context.add(this);
        rtp.config().setAutoRead(true);
        rtcp.config().setAutoRead(true);
    }

    private void storageFailed(IOException e) {
        LOG.error("RTP session {} (port {}): writing its audio failed ({}); ending the leg as STORAGE_FAILURE. "
                + "Check free space and permissions of the storage directory", label, port, e.toString(), e);
        finish(MediaEndCause.STORAGE_FAILURE);
    }

    private void finish(MediaEndCause cause) {
        if (finished) {
            return;
        }
        finished = true;
        context.remove(this);
        try {
            receiver.finish(cause != MediaEndCause.STORAGE_FAILURE);
        } catch (IOException e) {
            if (cause == MediaEndCause.STORAGE_FAILURE) {
                LOG.debug("RTP session {}: closing the failed sink failed too", label, e);
            } else {
                LOG.error("RTP session {} (port {}): writing the last audio failed ({}); the end of this leg may be "
                        + "missing. Check free space and permissions of the storage directory", label, port, e, e);
            }
        }
        MediaStats stats = counters.snapshot();
        LOG.debug("RTP session {} on port {} ended ({}): {}, RTCP packets {}", label, port,
                cause == null ? "closed" : cause, stats, rtcpPackets);
        if (!started) {
            released(stats, cause);
            return;
        }
        ChannelFuture rtcpClosed = rtcp.close();
        ChannelFuture rtpClosed = rtp.close();
        if (context.loop().isShuttingDown()) {
            // Listeners may never run on a loop that is going away; the sockets are closed or closing anyway.
            released(stats, cause);
        } else {
            rtpClosed.addListener(r -> rtcpClosed.addListener(c -> released(stats, cause)));
        }
    }

    private void released(MediaStats stats, MediaEndCause cause) {
        ports.release(port);
        owner.ended(this, stats);
        closed.complete(stats);
        if (cause != null) {
            try {
                listener.mediaEnded(this, cause);
            } catch (RuntimeException e) {
                LOG.warn("RTP session {}: media listener failed on {}", label, cause, e);
            }
        }
    }

    /** RTP port: every datagram goes through the leg's receiver. */
    private final class RtpHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!finished && msg instanceof DatagramPacket datagram) {
                    receiver.receive(datagram.content(), datagram.sender().getAddress(), clock.nanoTime());
                }
            } catch (IOException e) {
                storageFailed(e);
            } catch (RuntimeException e) {
                LOG.warn("RTP session {}: dropped a packet that could not be processed", label, e);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("RTP session {}: receive error on port {}: {}", label, port, cause.toString());
        }
    }

    /** RTCP port: counted and dropped for now (sender reports could later refine the leg alignment). */
    private final class RtcpHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            rtcpPackets++;
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("RTP session {}: RTCP receive error on port {}: {}", label, port + 1, cause.toString());
        }
    }
}
