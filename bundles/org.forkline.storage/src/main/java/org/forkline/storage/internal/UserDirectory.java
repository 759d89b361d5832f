package org.forkline.storage.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.forkline.api.RecordingUser;
import org.forkline.api.storage.RecordingUserService;
import org.forkline.storage.internal.db.ConnectionPool;

/**
 * The recorded lines: the {@code recording_user} table with a copy in memory, written through, so that the lookup on
 * the INVITE path never touches the database.
 */
final class UserDirectory implements RecordingUserService {

    private final ConnectionPool pool;
    private final Clock clock;
    // Read by every INVITE thread while an administrator may be writing.
    private final Map<String, RecordingUser> users = new ConcurrentHashMap<>();

    private UserDirectory(ConnectionPool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    static UserDirectory load(ConnectionPool pool, Clock clock) throws SQLException {
        UserDirectory directory = new UserDirectory(pool, clock);
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
        long now = clock.millis();
        try {
            pool.inTransaction(c -> {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE recording_user SET display_name = ?, enabled = ?, updated_at = ? WHERE number = ?")) {
                    update.setString(1, user.displayName());
                    update.setBoolean(2, user.enabled());
                    update.setLong(3, now);
                    update.setString(4, user.number());
                    if (update.executeUpdate() > 0) {
                        return null;
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO recording_user "
                        + "(number, display_name, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, user.number());
                    insert.setString(2, user.displayName());
                    insert.setBoolean(3, user.enabled());
                    insert.setLong(4, now);
                    insert.setLong(5, now);
                    insert.executeUpdate();
                }
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
        int removed;
        try {
            removed = pool.call(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM recording_user WHERE number = ?")) {
                    s.setString(1, number);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("recording user " + number + " could not be removed: " + e.getMessage(), e);
        }
        users.remove(number);
        return removed > 0;
    }
}
