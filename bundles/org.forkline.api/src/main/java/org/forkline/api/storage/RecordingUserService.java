package org.forkline.api.storage;

import java.util.List;
import java.util.Optional;

import org.forkline.api.RecordingUser;

/** The recorded lines. Lookups are served from memory: they sit on the INVITE path. */
public interface RecordingUserService {

    Optional<RecordingUser> find(String number);

    /** All users, ordered by number. */
    List<RecordingUser> list();

    /** Adds the user or replaces the one with the same number. */
    void save(RecordingUser user);

    /** @return false when no user had this number */
    boolean remove(String number);
}
