package org.forkline.rtp.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;

import org.forkline.api.MediaStats;
import org.forkline.api.codec.AudioCodec;
import org.forkline.api.handover.Handover;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaService;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.MediaStatistics;
import org.forkline.api.media.MediaUnavailableException;
import org.forkline.api.media.RemoteMedia;
import org.forkline.api.storage.PcmSink;
import org.forkline.rtp.internal.codec.G722Codec;
import org.forkline.rtp.internal.codec.PcmaCodec;
import org.forkline.rtp.internal.codec.PcmuCodec;
import org.forkline.rtp.internal.timeline.MediaClock;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty UDP receiver of forked RTP: owns the event loops and the port pool, opens one session per leg, and hands
 * the legs' sockets over to its next activation when its bundle is updated or restarted.
 */
@Component(service = MediaService.class, configurationPid = "org.forkline.rtp",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RtpConfig.class)
public final class RtpMediaService implements MediaService, RtpSession.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(RtpMediaService.class);
    private static final int RECEIVE_BUFFER_BYTES = 2048;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Transport transport;
    private final Map<EventLoop, LoopContext> contexts;
    private final PortPool ports;
    private final CodecRegistry codecs = new CodecRegistry();
    private final Set<RtpSession> active = ConcurrentHashMap.newKeySet();
    private final MediaTotals endedTotals = new MediaTotals();
    private final int threads;
    private final SocketHandover sockets;
    private final BooleanSupplier frameworkStopping;
    private final Object resuming = new Object();
    private volatile RtpSettings settings;
    private volatile boolean stopping;

    // Optional and dynamic so that updating the handover bundle never restarts the RTP capture.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Handover handover;

    @Activate
    public RtpMediaService(BundleContext context, RtpConfig config) {
        this(RtpSettings.from(config), true, null, () -> context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
                .getState() == Bundle.STOPPING);
        // This bundle's codecs belong to the service itself. As services of their own they left before the sessions
        // were handed over and came back after the legs resumed, when this bundle restarted: the packets of that
        // moment found no decoder and were dropped. Codecs of other bundles come as AudioCodec services.
        List.of(new PcmuCodec(), new PcmaCodec(), new G722Codec()).forEach(codecs::add);
    }

    /** For tests: no handover, the framework keeps running. */
    RtpMediaService(RtpConfig config) {
        this(RtpSettings.from(config), true);
    }

    RtpMediaService(RtpSettings settings, boolean allowNativeTransport) {
        this(settings, allowNativeTransport, null, () -> false);
    }

    /**
     * @param handover          where to claim the previous activation's sockets now (tests); null: DS injects it
     *                          and {@link #activate} claims
     * @param frameworkStopping true while the whole framework shuts down: then nothing is handed over
     */
    RtpMediaService(RtpSettings settings, boolean allowNativeTransport, Handover handover,
            BooleanSupplier frameworkStopping) {
        this.settings = settings;
        this.frameworkStopping = frameworkStopping;
        this.threads = settings.threads();
        this.ports = new PortPool(settings.portMin(), settings.portMax());
        int loopThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        this.transport = Transport.create(loopThreads, allowNativeTransport, settings.wakeupIntervalMillis());
        Map<EventLoop, LoopContext> byLoop = new IdentityHashMap<>();
        for (EventExecutor executor : transport.group()) {
            LoopContext context = new LoopContext((EventLoop) executor, MediaClock.SYSTEM);
            context.start();
            byLoop.put((EventLoop) executor, context);
        }
        this.contexts = byLoop;
        this.sockets = new SocketHandover(ports, byLoop, active, this::newSession);
        warnIfNotLocal(settings.address());
        LOG.info("RTP capture on {} ports {}-{} ({} port pairs) using {} with {} event-loop threads waking every {} ms; "
                + "reorder {} ms, flush {} ms, inactivity timeout {} s", settings.address().getHostAddress(),
                settings.portMin(), settings.portMax(), ports.pairs(), transport.description(), loopThreads,
                settings.wakeupIntervalMillis(),
                settings.legOptions().reorderMillis(), settings.legOptions().flushMillis(),
                settings.inactivityTimeoutSeconds());
        if (handover != null) {
            this.handover = handover;
            sockets.claim(handover, transport.group());
        }
    }

    /** Runs after DS injected the Handover service, if there is one. */
    @Activate
    void activate() {
        Handover desk = handover;
        if (desk != null) {
            sockets.claim(desk, transport.group());
        }
    }

    @Modified
    void modified(RtpConfig config) {
        RtpSettings next = RtpSettings.from(config);
        ports.configure(next.portMin(), next.portMax());
        settings = next;
        if (next.threads() != threads || next.wakeupIntervalMillis() != settings.wakeupIntervalMillis()) {
            LOG.info("RTP capture: threads or wakeupIntervalMillis changed; this takes effect only after a restart of "
                    + "bundle org.forkline.rtp");
        }
        LOG.info("RTP capture reconfigured for new legs: {} ports {}-{}, reorder {} ms, flush {} ms, inactivity "
                + "timeout {} s, strictSource {}", next.address().getHostAddress(), next.portMin(), next.portMax(),
                next.legOptions().reorderMillis(), next.legOptions().flushMillis(), next.inactivityTimeoutSeconds(),
                next.legOptions().strictSource());
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        Handover desk = handover;
        if (desk != null && !frameworkStopping.getAsBoolean()) {
            sockets.park(desk);
        }
        closeAll();
        contexts.values().forEach(LoopContext::stop);
        boolean terminated = transport.group().shutdownGracefully(0, 5, TimeUnit.SECONDS)
                .awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        if (!terminated) {
            LOG.warn("RTP capture: event-loop threads did not stop within {} s", CLOSE_WAIT_SECONDS);
        }
    }

    /** Ends every leg still active and closes its sockets: a real stop, no one to hand them to, or parking failed. */
    private void closeAll() {
        sockets.closeWaiting();
        CompletableFuture<?>[] closing = active.stream()
                .map(session -> session.close().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("RTP capture stopping: {} legs did not close within {} s; their last audio may be missing",
                    active.size(), CLOSE_WAIT_SECONDS);
        } catch (ExecutionException e) {
            LOG.warn("RTP capture stopping: closing a leg failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Codec bundles come and go at runtime (whiteboard); CodecRegistry is safe for concurrent use.
    @Reference(service = AudioCodec.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeCodec")
    void addCodec(AudioCodec codec) {
        codecs.add(codec);
    }

    void removeCodec(AudioCodec codec) {
        codecs.remove(codec);
    }

    @Override
    public MediaSession open(String label, PcmSink sink, MediaListener listener) throws MediaUnavailableException {
        checkOpenable(label, sink, listener);
        RtpSettings current = settings;
        LoopContext context = contexts.get(transport.group().next());
        Bootstrap template = bootstrap(context);
        Throwable lastError = null;
        for (int attempt = ports.pairs(); attempt > 0; attempt--) {
            int port = ports.acquire();
            if (port < 0) {
                break;
            }
            RtpSession session = new RtpSession(label, sink, listener, context, current, port, ports, this, codecs,
                    MediaClock.SYSTEM);
            active.add(session);
            Throwable error;
            try {
                error = session.bind(template, current);
            } catch (RuntimeException e) {
                error = e;
            }
            if (error == null) {
                if (stopping) {
                    session.close();
                    throw new MediaUnavailableException("RTP capture is stopping (bundle org.forkline.rtp deactivated)");
                }
                LOG.debug("RTP session {} listening on {}:{}", label, current.address().getHostAddress(), port);
                return session;
            }
            active.remove(session);
            ports.release(port);
            lastError = error;
            LOG.debug("RTP port {} could not be bound ({}); trying the next", port, error.toString());
        }
        String message = "RTP port range " + ports.range() + " exhausted: " + active.size()
                + " sessions active; widen portMin/portMax in etc/org.forkline.rtp.cfg"
                + (lastError == null ? "" : " (last bind error: " + lastError + ")");
        throw new MediaUnavailableException(message, lastError);
    }

    @Override
    public MediaSession resume(String label, PcmSink sink, MediaListener listener, int port, RemoteMedia remote)
            throws MediaUnavailableException {
        checkOpenable(label, sink, listener);
        RtpSession session;
        // One resume at a time, so two legs can never both take the same port's sockets.
        synchronized (resuming) {
            session = sockets.take(label, sink, listener, port, remote);
            if (session == null) {
                session = bindAgain(label, sink, listener, port, remote);
            }
        }
        if (stopping) {
            session.close();
            throw new MediaUnavailableException("RTP capture is stopping (bundle org.forkline.rtp deactivated)");
        }
        return session;
    }

    /** Nobody holds the port any more: bind it again. */
    private RtpSession bindAgain(String label, PcmSink sink, MediaListener listener, int port,
            RemoteMedia remote) throws MediaUnavailableException {
        if (!ports.acquire(port)) {
            throw new MediaUnavailableException("RTP port " + port + " cannot be resumed for " + label + ": "
                    + (ports.inRange(port) ? "another leg holds it" : "it is not an even port of the range "
                    + ports.range() + " in etc/org.forkline.rtp.cfg"));
        }
        RtpSettings current = settings;
        LoopContext context = contexts.get(transport.group().next());
        RtpSession session = newSession(label, sink, listener, context, port);
        if (remote != null) {
            // Before binding, so the first packet is judged by it.
            session.configure(remote);
        }
        active.add(session);
        Throwable error;
        try {
            error = session.bind(bootstrap(context), current);
        } catch (RuntimeException e) {
            error = e;
        }
        if (error != null) {
            active.remove(session);
            ports.release(port);
            throw new MediaUnavailableException("RTP port " + port + " could not be bound again for " + label
                    + " (is another program using it?): " + error, error);
        }
        LOG.debug("RTP session {} bound port {} again", label, port);
        return session;
    }

    private RtpSession newSession(String label, PcmSink sink, MediaListener listener, LoopContext context,
            int port) {
        return new RtpSession(label, sink, listener, context, settings, port, ports, this, codecs, MediaClock.SYSTEM);
    }

    private Bootstrap bootstrap(LoopContext context) {
        return new Bootstrap()
                .group(context.loop())
                .channel(transport.channelType())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_BYTES));
    }

    private void checkOpenable(String label, PcmSink sink, MediaListener listener) throws MediaUnavailableException {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(listener, "listener");
        if (stopping) {
            throw new MediaUnavailableException("RTP capture is stopping (bundle org.forkline.rtp deactivated)");
        }
        if (contexts.keySet().stream().anyMatch(EventLoop::inEventLoop)) {
            throw new IllegalStateException("open() and resume() block; call them off the RTP event-loop threads");
        }
    }

    @Override
    public List<AudioCodec> codecs() {
        return codecs.codecs();
    }

    @Override
    public MediaStatistics statistics() {
        MediaStats totals = endedTotals.sum();
        int sessions = 0;
        for (RtpSession session : active) {
            totals = totals.plus(session.stats());
            sessions++;
        }
        return new MediaStatistics(sessions, ports.portsInUse(), ports.portsTotal(), totals);
    }

    /** Which transport the event loops use, e.g. "native epoll". */
    String transportDescription() {
        return transport.description();
    }

    @Override
    public void ended(RtpSession session, MediaStats finalStats) {
        if (active.remove(session)) {
            endedTotals.add(finalStats);
        }
    }

    private static void warnIfNotLocal(InetAddress address) {
        try {
            if (!address.isAnyLocalAddress() && NetworkInterface.getByInetAddress(address) == null) {
                LOG.warn("RTP address {} is not assigned to any interface of this host: binding RTP ports will fail. "
                        + "Set address in etc/org.forkline.rtp.cfg", address.getHostAddress());
            }
        } catch (SocketException e) {
            LOG.debug("Could not list network interfaces", e);
        }
        if (address.isAnyLocalAddress()) {
            LOG.warn("RTP address {} is a wildcard: set advertisedAddress in etc/org.forkline.rtp.cfg, or the SDP "
                    + "offer tells CUCM to send RTP to {}", address.getHostAddress(), address.getHostAddress());
        }
    }
}
