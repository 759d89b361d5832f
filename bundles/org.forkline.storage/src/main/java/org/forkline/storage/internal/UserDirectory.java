package org.forkline.storage.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.forkline.api.RecordingUser;
import org.forkline.api.replication.Change;
import org.forkline.api.replication.ChangeKind;
import org.forkline.api.replication.ReplicaStore.ApplyResult;
import org.forkline.api.storage.RecordingUserService;
import org.forkline.storage.internal.db.ChangeLog;
import org.forkline.storage.internal.db.ChangePayloads;
import org.forkline.storage.internal.db.ConnectionPool;

/**
 * The recorded lines: the {@code recording_user} table with a copy in memory, written through, so that the lookup on
 * the INVITE path never touches the database. Every change is logged for replication; between nodes the last writer
 * wins by (change time, origin).
 */
final class UserDirectory implements RecordingUserService {

    private final ChangeLog changeLog;
    private final Clock clock;
    // Read by every INVITE thread while an administrator or replication may be writing.
    private final Map<String, RecordingUser> users = new ConcurrentHashMap<>();

    private UserDirectory(ChangeLog changeLog, Clock clock) {
        this.changeLog = changeLog;
        this.clock = clock;
    }

    static UserDirectory load(ConnectionPool pool, ChangeLog changeLog, Clock clock) throws SQLException {
        UserDirectory directory = new UserDirectory(changeLog, clock);
        pool.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT number, display_name, enabled FROM recording_user");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    RecordingUser user = new RecordingUser(r.getString(1), r.getString(2), r.getBoolean(3));
                    directory.users.put(user.number(), user);
                }
            }
            return null;
        });
        return directory;
    }

    @Override
    public Optional<RecordingUser> find(String number) {
        return number == null ? Optional.empty() : Optional.ofNullable(users.get(number));
    }

    @Override
    public List<RecordingUser> list() {
        return users.values().stream().sorted(Comparator.comparing(RecordingUser::number)).toList();
    }

    @Override
    public synchronized void save(RecordingUser user) {
        try {
            changeLog.local(c -> {
                Instant at = writeTime(c, user.number());
                upsert(c, user, at.toEpochMilli());
                changeLog.appendLocal(c, ChangeKind.USER_SAVED, user.number(), at, ChangePayloads.user(user));
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("recording user " + user.number() + " could not be saved: "
                    + e.getMessage(), e);
        }
        users.put(user.number(), user);
    }

    @Override
    public synchronized boolean remove(String number) {
        boolean removed;
        try {
            removed = changeLog.local(c -> {
                if (delete(c, number) == 0) {
                    return false;
                }
                changeLog.appendLocal(c, ChangeKind.USER_REMOVED, number, writeTime(c, number), "");
                return true;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("recording user " + number + " could not be removed: " + e.getMessage(), e);
        }
        users.remove(number);
        return removed;
    }

    /** Stores a peer's USER_SAVED or USER_REMOVED; it takes effect only when it is the newest change of the user. */
    synchronized ApplyResult applyRemote(Change change) throws SQLException, IOException {
        return changeLog.applyRemote(change, c -> {
            Change newest = changeLog.latest(c, change.key(), ChangeKind.USER_SAVED, ChangeKind.USER_REMOVED)
                    .orElseThrow();
            if (newest.origin().equals(change.origin()) && newest.sequence() == change.sequence()) {
                if (change.kind() == ChangeKind.USER_SAVED) {
                    RecordingUser user = ChangePayloads.user(change.payload());
                    upsert(c, user, change.createdAt().toEpochMilli());
                    return () -> users.put(user.number(), user);
                }
                delete(c, change.key());
                return () -> users.remove(change.key());
            }
            return null;
        });
    }

    /** Now, or just after the user's newest change when a peer's clock is ahead, so that this change wins. */
    private Instant writeTime(Connection c, String number) throws SQLException {
        Instant now = clock.instant();
        Optional<Change> newest = changeLog.latest(c, number, ChangeKind.USER_SAVED, ChangeKind.USER_REMOVED);
        return newest.isPresent() && !now.isAfter(newest.get().createdAt()) ? newest.get().createdAt().plusMillis(1)
                : now;
    }

    private static void upsert(Connection c, RecordingUser user, long at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE recording_user SET display_name = ?, enabled = ?, updated_at = ? WHERE number = ?")) {
            update.setString(1, user.displayName());
            update.setBoolean(2, user.enabled());
            update.setLong(3, at);
            update.setString(4, user.number());
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO recording_user "
                + "(number, display_name, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, user.number());
            insert.setString(2, user.displayName());
            insert.setBoolean(3, user.enabled());
            insert.setLong(4, at);
            insert.setLong(5, at);
            insert.executeUpdate();
        }
    }

    private static int delete(Connection c, String number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM recording_user WHERE number = ?")) {
            s.setString(1, number);
            return s.executeUpdate();
        }
    }
}
