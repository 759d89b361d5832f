package org.forkline.storage.internal.seal;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sealing on a few low-priority threads. The queue is unbounded on purpose: under overload the backlog grows and
 * capture never waits for encoding.
 */
public final class SealingQueue {

    private static final Logger LOG = LoggerFactory.getLogger(SealingQueue.class);

    private final ThreadPoolExecutor executor;
    private final Consumer<UUID> job;
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile boolean stopping;

    public SealingQueue(int threads, Consumer<UUID> job) {
        this.job = job;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "forkline-sealing-" + threadNumber.incrementAndGet());
                    thread.setPriority(Thread.MIN_PRIORITY);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Queues a recording for sealing unless it is already waiting or being sealed. */
    public void submit(UUID recordingId) {
        if (stopping || !queued.add(recordingId)) {
            return;
        }
        executor.execute(() -> {
            try {
                if (!stopping) {
                    job.accept(recordingId);
                }
            } finally {
                queued.remove(recordingId);
            }
        });
    }

    /** Runs other low-priority storage work (merging split legs) on the sealing threads, after what is queued. */
    public void execute(Runnable task) {
        if (stopping) {
            return;
        }
        try {
            executor.execute(() -> {
                if (!stopping) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            // Storage is stopping: the work is looked for again at the next start.
        }
    }

    /** Recordings waiting for sealing or being sealed. */
    public int backlog() {
        return queued.size();
    }

    /** True from the start of {@link #shutdown}: a running seal drops its temp file and leaves the rest to recovery. */
    public boolean stopping() {
        return stopping;
    }

    /** Stops taking work, lets queued jobs return at once and waits for the running ones. */
    public void shutdown(Duration wait) {
        stopping = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Sealing threads did not stop within {}; interrupting them", wait);
                executor.shutdownNow();
                executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
