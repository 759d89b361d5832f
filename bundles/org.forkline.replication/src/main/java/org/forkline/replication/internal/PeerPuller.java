package org.forkline.replication.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongConsumer;

import org.forkline.api.replication.Change;
import org.forkline.api.replication.PeerReplication;
import org.forkline.api.replication.ReplicaStore;
import org.forkline.api.replication.ReplicaStore.ApplyResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one peer's changes (of every origin it stores) after this node's watermarks and applies them, fetching the
 * files of new recordings; keeps the peer's backlog, lag and failure streak for status and backoff.
 */
final class PeerPuller {

    private static final Logger LOG = LoggerFactory.getLogger(PeerPuller.class);
    /** Files downloading ahead of the change being applied: hides the round trips behind the commits. */
    private static final int PREFETCH = 4;

    private final String nodeId;
    private final ReplicaStore store;
    private final PeerClient client;
    private final TokenBucket bucket;
    private final ExecutorService downloads;
    private final Function<String, Object> originLocks;
    private final LongConsumer applied;
    private final Clock clock;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean again;
    private volatile URI endpoint;
    private volatile Map<String, Long> heads = Map.of();
    private volatile Instant oldestPending;
    private volatile Instant lastPull;
    private volatile String lastError;
    private volatile Instant retryAt = Instant.MIN;
    private int failures;

    PeerPuller(String nodeId, ReplicaStore store, PeerClient client, TokenBucket bucket, ExecutorService downloads,
            Function<String, Object> originLocks, LongConsumer applied, Clock clock) {
        this.nodeId = nodeId;
        this.store = store;
        this.client = client;
        this.bucket = bucket;
        this.downloads = downloads;
        this.originLocks = originLocks;
        this.applied = applied;
        this.clock = clock;
    }

    String nodeId() {
        return nodeId;
    }

    void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** True when the caller should run {@link #run} (not already running); else the running pull goes again. */
    boolean claim() {
        if (scheduled.compareAndSet(false, true)) {
            return true;
        }
        again = true;
        return false;
    }

    boolean backingOff() {
        return clock.instant().isBefore(retryAt);
    }

    /** Pulls until caught up with the peer, again if a hint came meanwhile; returns true when another pass is due. */
    boolean run(Duration maxRetry, int batchSize) {
        try {
            do {
                again = false;
                pullOnce(batchSize);
            } while (again && !Thread.currentThread().isInterrupted());
            succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failed(e, maxRetry);
        } finally {
            scheduled.set(false);
        }
        return again && !backingOff();
    }

    PeerReplication status(Map<String, Long> watermarks) {
        long backlog = backlog(watermarks);
        Instant oldest = oldestPending;
        Duration lag = backlog == 0 || oldest == null ? Duration.ZERO
                : Duration.between(oldest, clock.instant()).abs();
        return new PeerReplication(nodeId, backlog, lag, lastPull, lastError);
    }

    Map<String, Long> heads() {
        return heads;
    }

    long backlog(Map<String, Long> watermarks) {
        return heads.entrySet().stream().mapToLong(head -> Math.max(0,
                head.getValue() - watermarks.getOrDefault(head.getKey(), 0L))).sum();
    }

    private void pullOnce(int batchSize) throws IOException, InterruptedException {
        URI base = endpoint;
        if (base == null) {
            throw new IOException("its HTTP endpoint is not known yet");
        }
        while (!Thread.currentThread().isInterrupted()) {
            Wire.Changes answer = client.changes(base, store.watermarks(), batchSize);
            heads = Map.copyOf(answer.heads());
            if (answer.changes().isEmpty()) {
                oldestPending = null;
                lastPull = clock.instant();
                return;
            }
            oldestPending = Instant.ofEpochMilli(answer.changes().get(0).createdAt());
            List<Wire.ChangeJson> changes = answer.changes();
            for (int from = 0, to; from < changes.size(); from = to) {
                String origin = changes.get(from).origin();
                to = from;
                while (to < changes.size() && changes.get(to).origin().equals(origin)) {
                    to++;
                }
                // Pullers of different peers carry the same origins: one at a time, so that a file is fetched once.
                synchronized (originLocks.apply(origin)) {
                    applyRun(base, changes.subList(from, to));
                }
            }
            lastPull = clock.instant();
            if (answer.changes().size() < batchSize) {
                oldestPending = null;
                return;
            }
        }
    }

    /** Applies one origin's changes in order while the files of the next few download meanwhile. */
    private void applyRun(URI base, List<Wire.ChangeJson> run) throws IOException, InterruptedException {
        Deque<Future<Path>> prefetched = new ArrayDeque<>();
        int next = 0;
        try {
            for (Wire.ChangeJson item : run) {
                while (next < run.size() && prefetched.size() < PREFETCH) {
                    prefetched.add(prefetch(base, run.get(next++)));
                }
                Path staged = staged(prefetched.poll());
                apply(item.toChange(), staged);
            }
        } finally {
            prefetched.forEach(download -> download.cancel(true));
        }
    }

    private Future<Path> prefetch(URI base, Wire.ChangeJson item) {
        Change change = item.toChange();
        if (item.mediaGone() || !store.needsMedia(change)) {
            return CompletableFuture.completedFuture(null);
        }
        return downloads.submit(() -> {
            Path staged = store.stagingFolder().resolve(change.key() + "." + nodeId + ".part");
            if (!client.download(base, UUID.fromString(change.key()), staged, bucket)) {
                throw new IOException("it lists recording " + change.key() + " but has no file for it");
            }
            return staged;
        });
    }

    private static Path staged(Future<Path> download) throws IOException, InterruptedException {
        try {
            return download.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IOException(e.getCause().toString(), e.getCause());
        }
    }

    private void apply(Change change, Path staged) throws IOException {
        ApplyResult result;
        try {
            result = store.apply(change, staged);
        } finally {
            if (staged != null) {
                Files.deleteIfExists(staged);
            }
        }
        if (result == ApplyResult.OUT_OF_ORDER) {
            throw new IOException("change " + change.origin() + ":" + change.sequence()
                    + " arrived before an earlier change of " + change.origin());
        }
        if (result == ApplyResult.APPLIED) {
            applied.accept(1);
            LOG.debug("Applied change {}:{} ({} {}) from {}", change.origin(), change.sequence(), change.kind(),
                    change.key(), nodeId);
        }
    }

    private void succeeded() {
        if (failures > 0) {
            LOG.info("Replication from {} works again after {} failed attempt(s)", nodeId, failures);
        }
        failures = 0;
        lastError = null;
        retryAt = Instant.MIN;
    }

    private void failed(Exception e, Duration maxRetry) {
        failures++;
        lastError = e instanceof ConnectException ? "no connection to " + endpoint + " (not running, or not reachable)"
                : e instanceof HttpTimeoutException ? "no answer from " + endpoint + " in time"
                : e.getMessage() == null ? e.toString() : e.getMessage();
        long delay = Math.min(maxRetry.toMillis(), 1000L << Math.min(16, failures - 1));
        retryAt = clock.instant().plusMillis(delay);
        if (failures == 1) {
            LOG.warn("Replication from {} ({}) failed: {}. Retrying with a growing delay up to {} s; check that {} is "
                    + "up, that its URL is reachable from this node and that both use the same cluster secret",
                    nodeId, endpoint, lastError, maxRetry.toSeconds(), nodeId);
        } else {
            LOG.debug("Replication from {} failed again ({} in a row): {}", nodeId, failures, lastError);
        }
    }
}
