package org.forkline.sip.internal.call;

import java.time.Duration;
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

import org.forkline.api.node.NodeStatus;
import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.call.SipEndpoint.SipBindException;
import org.forkline.sip.internal.peer.WarningThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        if (running != null) {
            return true;
        }
        SipEndpoint endpoint;
        try {
            endpoint = SipEndpoint.open(config, "forkline-" + config.nodeId() + "-" + System.nanoTime(),
                    stackOverrides);
        } catch (SipBindException e) {
            listenProblem = "SIP is not listening: " + e.getMessage();
            LOG.error("{}. Fix address, port or transports in etc/org.forkline.sip.cfg, or free the port.",
                    listenProblem);
            return false;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        Signalling signalling = endpoint.signalling();
        LegTerminator terminator = new LegTerminator(registry, signalling, this::runOnWorker);
        CallContext context = new CallContext(services, settings, status, registry, signalling, terminator,
                new LegTimers(scheduler, terminator, timings), stopping::get, throttle);
        InFlight inFlight = new InFlight();
        InDialogHandler dialogs = new InDialogHandler(context);
        InviteHandler invites = new InviteHandler(context, new InviteScreening(services, registry, settings, status),
                new MediaEvents(terminator, this::runOnWorker), workers, inFlight);
        RequestDispatcher dispatcher = new RequestDispatcher(context, inFlight, invites, dialogs,
                new SessionUpdateHandler(context, dialogs));
        try {
            endpoint.listen(dispatcher);
        } catch (TooManyListenersException e) {
            endpoint.close();
            throw new IllegalStateException("a new SIP provider already has a listener", e);
        }
        running = new Running(endpoint, inFlight, terminator, stopping);
        listenProblem = null;
        LOG.info("SIP listening on {}", config.binding());
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

    private record Running(SipEndpoint endpoint, InFlight inFlight, LegTerminator terminator,
            AtomicBoolean stopping) {
    }
}
