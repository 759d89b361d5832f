package org.forkline.replication.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.forkline.api.cluster.ClusterMember;
import org.forkline.api.cluster.ClusterMessageListener;
import org.forkline.api.cluster.ClusterService;
import org.forkline.api.replication.PeerReplication;
import org.forkline.api.replication.ReplicaStore;
import org.forkline.api.replication.ReplicationStatus;
import org.forkline.api.replication.ReplicationStatusService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's copy of every peer's changes: a puller per live peer, run every few seconds (certain) and at once
 * when a peer hints that it has a new change (fast); after each local change this node hints its peers.
 */
@Component(service = {ReplicationStatusService.class, ClusterMessageListener.class, EventHandler.class},
        configurationPid = {"org.forkline.replication", "org.forkline.cluster"},
        property = {ClusterMessageListener.TOPIC_PROPERTY + "=" + ReplicationComponent.TOPIC,
                "event.topics=" + ReplicaStore.TOPIC_LOCAL_CHANGE})
public final class ReplicationComponent implements ReplicationStatusService, ClusterMessageListener, EventHandler {

    /** Topic of the push hints between nodes. */
    public static final String TOPIC = "replication";

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationComponent.class);
    private static final int PULL_THREADS = 3;
    private static final int DOWNLOAD_THREADS = 4;
    private static final int CATCHING_UP_THRESHOLD = 10;

    private final ClusterService cluster;
    private final ReplicaStore store;
    private final ReplicationConfig config;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer;
    private final ExecutorService pullers;
    private final ExecutorService httpThreads;
    private final ExecutorService downloads;
    private final PeerClient client;
    private final TokenBucket bucket;
    private final Map<String, PeerPuller> peers = new ConcurrentHashMap<>();
    private final Map<String, Object> originLocks = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final ScheduledFuture<?> periodic;
    private final ScheduledFuture<?> membershipWatch;
    /** Live peers at the last membership check; read and written on the timer thread only. */
    private Set<String> livePeersSeen = Set.of();

    @Activate
    public ReplicationComponent(@Reference ClusterService cluster, @Reference ReplicaStore store,
            ReplicationConfig config) {
        this.cluster = cluster;
        this.store = store;
        this.config = config;
        this.timer = Executors.newSingleThreadScheduledExecutor(named("forkline-replication-timer"));
        this.pullers = Executors.newFixedThreadPool(PULL_THREADS, named("forkline-replication-pull"));
        this.httpThreads = Executors.newCachedThreadPool(named("forkline-replication-http"));
        this.downloads = Executors.newFixedThreadPool(DOWNLOAD_THREADS, named("forkline-replication-download"));
        Duration timeout = Duration.ofSeconds(Math.max(1, config.requestTimeoutSeconds()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).executor(httpThreads)
                .version(HttpClient.Version.HTTP_1_1).build();
        RequestSigner signer = new RequestSigner(config.secret(), Duration.ofSeconds(config.maxClockSkewSeconds()),
                clock);
        this.client = new PeerClient(http, signer, store.localNodeId(), timeout, timer);
        this.bucket = new TokenBucket(config.bandwidthLimitKiBps() * 1024);
        if (!signer.configured()) {
            LOG.warn("No cluster secret is configured (secret in etc/org.forkline.cluster.cfg): peers refuse this "
                    + "node's replication requests and this node refuses theirs");
        }
        int interval = Math.max(1, config.pullIntervalSeconds());
        timer.execute(this::removeStaleDownloads);
        this.periodic = timer.scheduleWithFixedDelay(this::pullLivePeers, 0, interval, TimeUnit.SECONDS);
        this.membershipWatch = timer.scheduleWithFixedDelay(this::pullNewPeers, 1, 1, TimeUnit.SECONDS);
        LOG.info("Replication of node {} started: pull every {} s, bandwidth {}", store.localNodeId(), interval,
                bucket.unlimited() ? "unlimited" : config.bandwidthLimitKiBps() + " KiB/s");
    }

    @Deactivate
    void deactivate() {
        periodic.cancel(false);
        membershipWatch.cancel(false);
        for (ExecutorService executor : List.of(timer, pullers, downloads, httpThreads)) {
            executor.shutdownNow();
        }
        for (ExecutorService executor : List.of(timer, pullers, downloads, httpThreads)) {
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("Replication threads did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void onMessage(String fromNodeId, byte[] payload) {
        LOG.debug("Hint from {}: {}", fromNodeId, new String(payload, StandardCharsets.UTF_8));
        // Off the cluster's receiving thread: reading the cluster state there could wait on the cluster itself.
        try {
            timer.execute(() -> cluster.state().member(fromNodeId).filter(ClusterMember::up).ifPresent(this::pull));
        } catch (RejectedExecutionException stopping) {
            // Deactivating: the hint no longer matters.
        }
    }

    @Override
    public void handleEvent(Event event) {
        String hint = event.getProperty("origin") + ":" + event.getProperty("sequence");
        try {
            cluster.broadcast(TOPIC, hint.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // The peers' periodic pull still finds the change.
            LOG.debug("Replication hint {} not sent: {}", hint, e.toString());
        }
    }

    @Override
    public ReplicationStatus status() {
        Map<String, Long> watermarks = store.watermarks();
        List<PeerReplication> statuses = new ArrayList<>();
        Map<String, Long> best = new HashMap<>();
        for (PeerPuller peer : peers.values()) {
            statuses.add(peer.status(watermarks));
            peer.heads().forEach((origin, head) -> best.merge(origin, head, Math::max));
        }
        statuses.sort(Comparator.comparing(PeerReplication::nodeId));
        long pending = best.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - watermarks.getOrDefault(e.getKey(), 0L))).sum();
        return new ReplicationStatus(statuses, pending > CATCHING_UP_THRESHOLD, applied.get(), pending);
    }

    private void pullLivePeers() {
        try {
            for (ClusterMember member : cluster.state().livePeers()) {
                PeerPuller peer = puller(member);
                if (!peer.backingOff()) {
                    pull(member);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Periodic replication pull failed unexpectedly", e);
        }
    }

    /** A peer that joins or comes back is pulled at once, not at the next periodic pull (late joiners start at once). */
    private void pullNewPeers() {
        try {
            List<ClusterMember> live = cluster.state().livePeers();
            for (ClusterMember member : live) {
                if (!livePeersSeen.contains(member.nodeId())) {
                    pull(member);
                }
            }
            livePeersSeen = live.stream().map(ClusterMember::nodeId).collect(Collectors.toSet());
        } catch (RuntimeException e) {
            LOG.error("Replication membership check failed unexpectedly", e);
        }
    }

    private void pull(ClusterMember member) {
        PeerPuller peer = puller(member);
        if (!peer.claim()) {
            return;
        }
        try {
            pullers.execute(() -> {
                if (peer.run(Duration.ofSeconds(Math.max(1, config.maxRetrySeconds())), batchSize())) {
                    pull(member);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // Deactivating: nothing more to pull.
        }
    }

    private PeerPuller puller(ClusterMember member) {
        PeerPuller peer = peers.computeIfAbsent(member.nodeId(), id -> new PeerPuller(id, store, client, bucket,
                downloads, origin -> originLocks.computeIfAbsent(origin, o -> new Object()), applied::addAndGet,
                clock));
        if (member.endpoint() != null) {
            peer.setEndpoint(member.endpoint());
        }
        return peer;
    }

    /** Partial downloads older than a day belong to recordings nobody asks for any more (deleted, or a gone peer). */
    private void removeStaleDownloads() {
        Path staging = store.stagingFolder();
        if (!Files.isDirectory(staging)) {
            return;
        }
        Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging, "*.part")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(dayAgo)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Old partial downloads in {} could not be removed: {}", staging, e.getMessage());
        }
    }

    private int batchSize() {
        return Math.max(1, Math.min(5000, config.batchSize()));
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
