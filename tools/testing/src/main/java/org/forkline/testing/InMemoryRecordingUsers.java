package org.forkline.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.forkline.api.RecordingUser;
import org.forkline.api.storage.RecordingUserService;

/** The storage bundle's recording users, in memory, ordered by number. */
public final class InMemoryRecordingUsers implements RecordingUserService {

    private final Map<String, RecordingUser> users = new ConcurrentSkipListMap<>();

    /** Adds a user without a display name, for fixtures. */
    public InMemoryRecordingUsers with(String number, boolean enabled) {
        save(new RecordingUser(number, null, enabled));
        return this;
    }

    @Override
    public Optional<RecordingUser> find(String number) {
        return Optional.ofNullable(users.get(number));
    }

    @Override
    public List<RecordingUser> list() {
        return List.copyOf(users.values());
    }

    @Override
    public void save(RecordingUser user) {
        users.put(user.number(), user);
    }

    @Override
    public boolean remove(String number) {
        return users.remove(number) != null;
    }
}
