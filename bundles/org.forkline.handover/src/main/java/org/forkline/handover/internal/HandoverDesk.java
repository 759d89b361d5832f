package org.forkline.handover.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.forkline.api.handover.Handover;
import org.forkline.api.handover.Relay;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds parcels of live state between the deactivation of a component and its next activation, and releases
 * those nobody claims within the window. A bundle of its own, with nothing else in it, so that updating any
 * capture bundle leaves it running.
 */
@Component(service = Handover.class, configurationPid = "org.forkline.handover",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HandoverDesk.Config.class)
public final class HandoverDesk implements Handover {

    @ObjectClassDefinition(name = "Forkline live handover",
            description = "Keeps calls in progress across the update or restart of the SIP, RTP and storage bundles")
    public @interface Config {

        @AttributeDefinition(name = "Handover window", description = "Seconds the state of a stopped bundle waits "
                + "for its next activation (bundle:update, bundle:restart); after that its calls are ended "
                + "(1 to 600)")
        int windowSeconds() default 30;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HandoverDesk.class);
    private static final int MAX_WINDOW_SECONDS = 600;

    private final ScheduledExecutorService timer;
    private final Map<String, Parcel> parcels = new HashMap<>();   // guarded by this
    private volatile int windowSeconds;

    @Activate
    public HandoverDesk(Config config) {
        this(config.windowSeconds());
    }

    public HandoverDesk(int windowSeconds) {
        this.windowSeconds = validWindow(windowSeconds);
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "forkline-handover");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Modified
    void modified(Config config) {
        windowSeconds = validWindow(config.windowSeconds());
    }

    /** Releases every parcel still waiting: nobody can claim it any more. */
    @Deactivate
    public void close() {
        List<Parcel> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(parcels.values());
            parcels.clear();
        }
        waiting.forEach(parcel -> expire(parcel, "the handover service stops"));
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Handover timer thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void park(String key, Map<String, Object> state, Runnable expiry) {
        Parcel parcel = new Parcel(key, Map.copyOf(state), expiry);
        Parcel previous;
        synchronized (this) {
            try {
                parcel.timeout = timer.schedule(() -> expireIfWaiting(parcel), windowSeconds, TimeUnit.SECONDS);
            } catch (RejectedExecutionException closed) {
                parcel.timeout = null;
            }
            previous = parcel.timeout == null ? null : parcels.put(key, parcel);
        }
        if (parcel.timeout == null) {
            expire(parcel, "the handover service has stopped");
            return;
        }
        if (previous != null) {
            previous.timeout.cancel(false);
            expire(previous, "a newer parcel replaced it");
        }
        LOG.info("Handover: {} parked {} items for its next activation (window {} s)", key, state.size(),
                windowSeconds);
    }

    @Override
    public Optional<Map<String, Object>> claim(String key) {
        Parcel parcel;
        synchronized (this) {
            parcel = parcels.remove(key);
        }
        if (parcel == null) {
            return Optional.empty();
        }
        parcel.timeout.cancel(false);
        LOG.info("Handover: {} claimed its parcel after {} ms", key,
                (System.nanoTime() - parcel.parkedAtNanos) / 1_000_000);
        return Optional.of(parcel.state);
    }

    @Override
    public <T> Relay<T> relay(Class<T> type, int capacity) {
        return new ProxyRelay<>(type, capacity);
    }

    @Override
    public int windowSeconds() {
        return windowSeconds;
    }

    private void expireIfWaiting(Parcel parcel) {
        synchronized (this) {
            if (!parcels.remove(parcel.key, parcel)) {
                return;
            }
        }
        expire(parcel, "it was not claimed within " + windowSeconds + " s");
    }

    private static void expire(Parcel parcel, String why) {
        LOG.warn("Handover: releasing what {} parked, because {}; what it held (calls in progress) ends now",
                parcel.key, why);
        try {
            parcel.expiry.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Handover: releasing what {} parked failed", parcel.key, e);
        }
    }

    private static int validWindow(int seconds) {
        if (seconds < 1 || seconds > MAX_WINDOW_SECONDS) {
            LOG.error("windowSeconds {} in etc/org.forkline.handover.cfg is out of range (1 to {}); using 30",
                    seconds, MAX_WINDOW_SECONDS);
            return 30;
        }
        return seconds;
    }

    private static final class Parcel {
        final String key;
        final Map<String, Object> state;
        final Runnable expiry;
        final long parkedAtNanos = System.nanoTime();
        ScheduledFuture<?> timeout;   // set under the desk's lock right after creation

        Parcel(String key, Map<String, Object> state, Runnable expiry) {
            this.key = key;
            this.state = state;
            this.expiry = expiry;
        }
    }
}
