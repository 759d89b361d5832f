package org.forkline.sip.internal.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TooManyListenersException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.forkline.api.handover.Handover;
import org.forkline.api.handover.Relay;
import org.forkline.api.media.MediaListener;
import org.forkline.api.node.NodeStatus;
import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.call.SipEndpoint.SipBindException;
import org.forkline.sip.internal.peer.WarningThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.SipListenerExt;

/**
 * Runs SIP for the component: the endpoint of the current binding with its request handlers, the legs, the
 * worker pool (admissions, and leg ends handed over by the media layer) and the session-timer thread. Start, stop
 * and re-bind are serialised.
 */
public final class CallServer {

    private static final Logger LOG = LoggerFactory.getLogger(CallServer.class);
    private static final Duration HANDLER_WAIT = Duration.ofSeconds(5);
    private static final Duration MEDIA_CLOSE_WAIT = Duration.ofSeconds(10);
    /** INVITEs admitted (and legs ended) in parallel; each spends a few ms in storage and media. */
    private static final int WORKER_THREADS = 32;
    /** Work waiting for a worker; beyond that the submitting thread runs it itself (back pressure). */
    private static final int WORKER_QUEUE = 2000;
    /** SIP events (and media events) kept while a handover is in progress: seconds of a busy trunk. */
    private static final int RELAY_CAPACITY = 20_000;

    private final CallServices services;
    private final Supplier<SipSettings> settings;
    private final Supplier<NodeStatus> status;
    private final Map<String, String> stackOverrides;
    private final CallTimings timings;
    private final LegRegistry registry = new LegRegistry();
    private final WarningThrottle throttle = new WarningThrottle(Duration.ofMinutes(1), System::nanoTime);
    private final ScheduledExecutorService scheduler;
    private final ThreadPoolExecutor workers;
    private Running running;                  // guarded by this
    private volatile String listenProblem;

    /**
     * @param stackOverrides extra JAIN-SIP RI properties
     * @param timings        ACK and session timer constants ({@link CallTimings#STANDARD} except in tests)
     */
    public CallServer(CallServices services, Supplier<SipSettings> settings, Supplier<NodeStatus> status,
            Map<String, String> stackOverrides, CallTimings timings) {
        this.services = services;
        this.settings = settings;
        this.status = status;
        this.stackOverrides = Map.copyOf(stackOverrides);
        this.timings = timings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "forkline-sip-session-timers");
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY);  // not the creator's: JAIN-SIP threads run at MAX
            return thread;
        });
        AtomicInteger workerThreads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(WORKER_QUEUE), task -> {
                    Thread thread = new Thread(task, "forkline-sip-worker-" + workerThreads.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setPriority(Thread.NORM_PRIORITY);
                    return thread;
                }, (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("SIP is shutting down");
                    }
                    task.run();
                });
        workers.allowCoreThreadTimeOut(true);
    }

    /** Binds and starts answering; a bind failure is logged and reported by {@link #listenProblem()}. */
    public synchronized boolean start(SipSettings config) {
        return start(config, null);
    }

    /**
     * Starts answering, on the endpoint and with the legs that the previous activation parked when there are any
     * (nothing is re-bound then), else on a new endpoint; a bind failure is logged and reported by
     * {@link #listenProblem()}.
     *
     * @param handover the handover service, or null: without it a later stop ends every leg
     */
    public synchronized boolean start(SipSettings config, Handover handover) {
        if (running != null) {
            return true;
        }
        ParkedCalls parked = handover == null ? null
                : handover.claim(ParkedCalls.KEY).map(ParkedCalls::of).orElse(null);
        if (parked != null && !parked.binding().equals(config.binding())) {
            parked.release("the SIP binding changed from " + parked.binding() + " to " + config.binding());
            parked = null;
        }
        SipEndpoint endpoint;
        if (parked != null) {
            endpoint = parked.endpoint();
        } else {
            try {
                endpoint = SipEndpoint.open(config, "forkline-" + config.nodeId() + "-" + System.nanoTime(),
                        stackOverrides);
            } catch (SipBindException e) {
                listenProblem = "SIP is not listening: " + e.getMessage();
                LOG.error("{}. Fix address, port or transports in etc/org.forkline.sip.cfg, or free the port.",
                        listenProblem);
                return false;
            }
        }
        Relay<SipListenerExt> sipRelay = parked != null ? parked.sipRelay()
                : handover != null ? handover.relay(SipListenerExt.class, RELAY_CAPACITY) : null;
        Relay<MediaListener> mediaRelay = parked != null ? parked.mediaRelay()
                : handover != null ? handover.relay(MediaListener.class, RELAY_CAPACITY) : null;
        AtomicBoolean stopping = new AtomicBoolean();
        Signalling signalling = endpoint.signalling();
        LegTerminator terminator = new LegTerminator(registry, signalling, this::runOnWorker);
        LegTimers timers = new LegTimers(scheduler, terminator, timings);
        CallContext context = new CallContext(services, settings, status, registry, signalling, terminator,
                timers, stopping::get, throttle);
        InFlight inFlight = new InFlight();
        MediaEvents mediaEvents = new MediaEvents(registry, terminator, this::runOnWorker);
        MediaListener mediaListener = mediaRelay != null ? mediaRelay.proxy() : mediaEvents;
        InDialogHandler dialogs = new InDialogHandler(context);
        InviteHandler invites = new InviteHandler(context, new InviteScreening(services, registry, settings, status),
                mediaListener, workers, inFlight);
        RequestDispatcher dispatcher = new RequestDispatcher(context, inFlight, invites, dialogs,
                new SessionUpdateHandler(context, dialogs));
        if (parked != null) {
            new LegTakeover(context, mediaListener).takeOver(parked);
        }
        if (mediaRelay != null) {
            mediaRelay.attach(mediaEvents);
        }
        if (parked == null) {
            try {
                endpoint.listen(sipRelay != null ? sipRelay.proxy() : dispatcher);
            } catch (TooManyListenersException e) {
                endpoint.close();
                throw new IllegalStateException("a new SIP provider already has a listener", e);
            }
        }
        if (sipRelay != null) {
            sipRelay.attach(dispatcher);   // replays what arrived while the legs were parked
        }
        running = new Running(endpoint, config.binding(), inFlight, terminator, stopping, sipRelay, mediaRelay);
        listenProblem = null;
        LOG.info("SIP listening on {}{}", config.binding(), parked != null ? " (taken over from the previous "
                + "activation: nothing re-bound)" : "");
        return true;
    }

    /**
     * Hands the endpoint and the answered legs to the next activation instead of ending them: the stack keeps its
     * sockets and dialogs, requests wait in the relay, media sessions and storage legs go on. The next
     * {@link #start} (of a new server, with a new class loader) takes them over.
     *
     * @return false when this server cannot park (it started without the handover service): stop it instead
     */
    public synchronized boolean park(Handover handover) {
        Running current = running;
        if (current == null) {
            return true;
        }
        if (current.sipRelay == null) {
            return false;
        }
        running = null;
        current.sipRelay.detach();
        current.mediaRelay.detach();
        try {
            if (!current.inFlight.awaitIdle(HANDLER_WAIT)) {
                LOG.warn("SIP requests still being handled after {} s; parking anyway", HANDLER_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.stopping.set(true);    // an admission still running now answers 503: CUCM tries the backup
        List<Leg> answered = new ArrayList<>();
        for (Leg leg : registry.snapshot()) {
            if (leg.isAnswered()) {
                leg.sessionTimer(leg.sessionExpiresSeconds(), null, leg.sessionDeadlineNanos());
                answered.add(leg);
                registry.remove(leg);
            } else {
                leg.abort("SHUTDOWN", false);
            }
        }
        current.terminator.awaitClosing(MEDIA_CLOSE_WAIT);
        Map<String, Object> parcel = ParkedCalls.pack(current.endpoint, current.binding, current.sipRelay,
                current.mediaRelay, services, answered);
        handover.park(ParkedCalls.KEY, parcel, () -> ParkedCalls.of(parcel).release(
                "the SIP bundle did not start again within " + handover.windowSeconds() + " s"));
        LOG.info("SIP handover: {} legs parked with their dialogs, the SIP stack keeps listening on {}; requests wait "
                + "for the next activation", answered.size(), current.binding);
        return true;
    }

    /**
     * Ends every leg (BYE, media closed, storage leg ended), waits for running handlers and media closes, then
     * unbinds.
     */
    public synchronized void stop() {
        Running current = running;
        running = null;
        if (current == null) {
            return;
        }
        current.stopping.set(true);
        int ended = endAll(current.terminator);
        try {
            if (!current.inFlight.awaitIdle(HANDLER_WAIT)) {
                LOG.warn("SIP requests still being handled after {} s; stopping anyway", HANDLER_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ended += endAll(current.terminator);
        current.terminator.awaitClosing(MEDIA_CLOSE_WAIT);
        long closing = System.nanoTime();
        current.endpoint.close();
        LOG.debug("SIP stack stopped in {} ms", (System.nanoTime() - closing) / 1_000_000);
        LOG.info("SIP stopped listening{}", ended > 0 ? "; " + ended + " legs ended (SHUTDOWN)" : "");
    }

    /** Stops and releases the worker and session-timer threads; the server cannot be started again. */
    public void close() {
        stop();
        closeThreads();
    }

    /** Parks (see {@link #park}), or stops when it cannot, and releases the threads. */
    public void parkAndClose(Handover handover) {
        if (!park(handover)) {
            stop();
        }
        closeThreads();
    }

    private void closeThreads() {
        workers.shutdown();
        scheduler.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS) || !scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("SIP worker or session timer threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a task on the worker pool, or right here once the pool is shut down (the last legs still end). */
    private void runOnWorker(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException stopped) {
            task.run();
        }
    }

    private int endAll(LegTerminator terminator) {
        int ended = 0;
        for (Leg leg : registry.snapshot()) {
            if (leg.isAnswered()) {
                if (terminator.end(leg, "SHUTDOWN", 503, "recorder shutting down")) {
                    ended++;
                }
            } else {
                leg.abort("SHUTDOWN", false);
            }
        }
        return ended;
    }

    public int activeLegs() {
        return registry.activeLegs();
    }

    public int activeCalls() {
        return registry.activeCalls();
    }

    /** Legs tracked in any state (for tests and diagnostics: must be 0 when no call is up). */
    public int trackedLegs() {
        return registry.snapshot().size();
    }

    /** Why SIP is not listening, when it is not. */
    public Optional<String> listenProblem() {
        return Optional.ofNullable(listenProblem);
    }

    /** The endpoint of one binding with what its handlers share; the relays are null without a handover service. */
    private record Running(SipEndpoint endpoint, String binding, InFlight inFlight, LegTerminator terminator,
            AtomicBoolean stopping, Relay<SipListenerExt> sipRelay, Relay<MediaListener> mediaRelay) {
    }
}
