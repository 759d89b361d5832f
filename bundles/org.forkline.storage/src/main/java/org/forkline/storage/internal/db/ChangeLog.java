package org.forkline.storage.internal.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.forkline.api.replication.Change;
import org.forkline.api.replication.ChangeKind;
import org.forkline.api.replication.ReplicaStore.ApplyResult;

/**
 * The append-only {@code change_log} of every origin this node knows. Writes are serialised by one lock held across
 * each transaction, so that a rolled-back transaction never leaves a gap in a sequence; the highest sequence per
 * origin is kept in memory because peers ask for it every few seconds.
 */
public final class ChangeLog {

    /** Work of a change transaction that may also move files: an I/O failure rolls the rows back. */
    @FunctionalInterface
    public interface FileWork<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /** Database work inside a change transaction; returns what to do after the commit (or null). */
    @FunctionalInterface
    public interface Effect extends FileWork<Runnable> {
    }

    private static final String COLUMNS = "origin, sequence, kind, change_key, created_at, payload";

    private final ConnectionPool pool;
    private final String localNodeId;
    private final Consumer<Change> localChangeListener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> heads = new ConcurrentHashMap<>();
    private List<Change> pendingLocal;

    private ChangeLog(ConnectionPool pool, String localNodeId, Consumer<Change> localChangeListener) {
        this.pool = pool;
        this.localNodeId = localNodeId;
        this.localChangeListener = localChangeListener;
    }

    /** Reads the highest sequence of every origin. */
    public static ChangeLog load(ConnectionPool pool, String localNodeId, Consumer<Change> localChangeListener)
            throws SQLException {
        ChangeLog log = new ChangeLog(pool, localNodeId, localChangeListener);
        pool.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT origin, MAX(sequence) FROM change_log GROUP BY origin");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    log.heads.put(r.getString(1), r.getLong(2));
                }
            }
            return null;
        });
        return log;
    }

    public String localNodeId() {
        return localNodeId;
    }

    /** Highest sequence stored per origin, ordered by origin. */
    public Map<String, Long> heads() {
        return new TreeMap<>(heads);
    }

    /**
     * Runs {@code work} in one transaction in which it may {@link #appendLocal append local changes}; the listener
     * hears of them after the commit.
     */
    public <T> T local(SqlWork<T> work) throws SQLException {
        List<Change> appended;
        T result;
        lock.lock();
        try {
            pendingLocal = new ArrayList<>();
            result = pool.inTransaction(work);
            appended = pendingLocal;
            if (!appended.isEmpty()) {
                heads.put(localNodeId, appended.get(appended.size() - 1).sequence());
            }
        } finally {
            pendingLocal = null;
            lock.unlock();
        }
        appended.forEach(localChangeListener);
        return result;
    }

    /** As {@link #local}, for work that also moves files: when that fails, the rows are rolled back too. */
    public <T> T localWithFiles(FileWork<T> work) throws SQLException, IOException {
        try {
            return local(c -> ioUnchecked(work, c));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Appends a change of this node inside {@link #local}. */
    public Change appendLocal(Connection c, ChangeKind kind, String key, Instant createdAt, String payload)
            throws SQLException {
        if (!lock.isHeldByCurrentThread() || pendingLocal == null) {
            throw new IllegalStateException("a local change must be appended inside ChangeLog.local");
        }
        long sequence = heads.getOrDefault(localNodeId, 0L) + pendingLocal.size() + 1;
        Change change = new Change(localNodeId, sequence, kind, key, createdAt, payload);
        insert(c, change);
        pendingLocal.add(change);
        return change;
    }

    /**
     * Stores a peer's change and its effect in one transaction, in its origin's order; then runs what the effect
     * returned.
     */
    public ApplyResult applyRemote(Change change, Effect effect) throws SQLException, IOException {
        lock.lock();
        try {
            long head = heads.getOrDefault(change.origin(), 0L);
            if (change.sequence() <= head) {
                return ApplyResult.ALREADY_APPLIED;
            }
            if (change.sequence() > head + 1) {
                return ApplyResult.OUT_OF_ORDER;
            }
            Runnable afterCommit;
            try {
                afterCommit = pool.inTransaction(c -> {
                    insert(c, change);
                    return ioUnchecked(effect, c);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            heads.put(change.origin(), change.sequence());
            if (afterCommit != null) {
                afterCommit.run();
            }
            return ApplyResult.APPLIED;
        } finally {
            lock.unlock();
        }
    }

    /** Changes above each origin's watermark, origin by origin in sequence order, at most {@code limit}. */
    public List<Change> after(Map<String, Long> watermarks, int limit) throws SQLException {
        List<Change> result = new ArrayList<>();
        for (Map.Entry<String, Long> head : heads().entrySet()) {
            long from = watermarks.getOrDefault(head.getKey(), 0L);
            int room = limit - result.size();
            if (room <= 0) {
                break;
            }
            if (head.getValue() > from) {
                result.addAll(pool.call(c -> read(c, head.getKey(), from, room)));
            }
        }
        return result;
    }

    /** The newest change of {@code key} among {@code kinds}, by (created at, origin): last writer wins. */
    public Optional<Change> latest(Connection c, String key, ChangeKind first, ChangeKind second)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM change_log WHERE change_key = ? "
                + "AND kind IN (?, ?) ORDER BY created_at DESC, origin DESC FETCH FIRST 1 ROWS ONLY")) {
            s.setString(1, key);
            s.setString(2, first.name());
            s.setString(3, second.name());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(change(r)) : Optional.empty();
            }
        }
    }

    /** True when a change of this kind exists for {@code key}. */
    public boolean exists(Connection c, String key, ChangeKind kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM change_log WHERE change_key = ? AND kind = ? FETCH FIRST 1 ROWS ONLY")) {
            s.setString(1, key);
            s.setString(2, kind.name());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    public boolean exists(String key, ChangeKind kind) throws SQLException {
        return pool.call(c -> exists(c, key, kind));
    }

    private static List<Change> read(Connection c, String origin, long after, int limit) throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM change_log WHERE origin = ? "
                + "AND sequence > ? ORDER BY sequence FETCH FIRST " + limit + " ROWS ONLY")) {
            s.setString(1, origin);
            s.setLong(2, after);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    changes.add(change(r));
                }
            }
        }
        return changes;
    }

    private static Change change(ResultSet r) throws SQLException {
        return new Change(r.getString(1), r.getLong(2), ChangeKind.valueOf(r.getString(3).trim()), r.getString(4),
                Instant.ofEpochMilli(r.getLong(5)), r.getString(6));
    }

    private static void insert(Connection c, Change change) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO change_log (" + COLUMNS + ", stored_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, change.origin());
            s.setLong(2, change.sequence());
            s.setString(3, change.kind().name());
            s.setString(4, change.key());
            s.setLong(5, change.createdAt().toEpochMilli());
            s.setString(6, change.payload());
            s.setLong(7, System.currentTimeMillis());
            s.executeUpdate();
        }
    }

    /** Lets file work run inside a SQL-only transaction: its IOException travels out unchecked, to be unwrapped. */
    private static <T> T ioUnchecked(FileWork<T> work, Connection c) throws SQLException {
        try {
            return work.run(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
