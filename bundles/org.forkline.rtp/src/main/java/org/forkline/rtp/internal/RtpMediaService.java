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

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;

import org.forkline.api.MediaStats;
import org.forkline.api.codec.AudioCodec;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaService;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.MediaStatistics;
import org.forkline.api.media.MediaUnavailableException;
import org.forkline.api.storage.PcmSink;
import org.forkline.rtp.internal.timeline.MediaClock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Netty UDP receiver of forked RTP: owns the event loops and the port pool, and opens one session per leg. */
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
    private volatile RtpSettings settings;
    private volatile boolean stopping;

    @Activate
    public RtpMediaService(RtpConfig config) {
        this(RtpSettings.from(config), true);
    }

    RtpMediaService(RtpSettings settings, boolean allowNativeTransport) {
        this.settings = settings;
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
        warnIfNotLocal(settings.address());
        LOG.info("RTP capture on {} ports {}-{} ({} port pairs) using {} with {} event-loop threads waking every {} ms; "
                + "reorder {} ms, flush {} ms, inactivity timeout {} s", settings.address().getHostAddress(),
                settings.portMin(), settings.portMax(), ports.pairs(), transport.description(), loopThreads,
                settings.wakeupIntervalMillis(),
                settings.legOptions().reorderMillis(), settings.legOptions().flushMillis(),
                settings.inactivityTimeoutSeconds());
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
        contexts.values().forEach(LoopContext::stop);
        boolean terminated = transport.group().shutdownGracefully(0, 5, TimeUnit.SECONDS)
                .awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        if (!terminated) {
            LOG.warn("RTP capture: event-loop threads did not stop within {} s", CLOSE_WAIT_SECONDS);
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
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(listener, "listener");
        if (stopping) {
            throw new MediaUnavailableException("RTP capture is stopping (bundle org.forkline.rtp deactivated)");
        }
        if (contexts.keySet().stream().anyMatch(EventLoop::inEventLoop)) {
            throw new IllegalStateException("open() blocks while binding; call it off the RTP event-loop threads");
        }
        RtpSettings current = settings;
        LoopContext context = contexts.get(transport.group().next());
        Bootstrap template = new Bootstrap()
                .group(context.loop())
                .channel(transport.channelType())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_BYTES));
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
