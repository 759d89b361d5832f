package org.forkline.rtp.internal.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.forkline.api.media.MediaEndCause;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaSession;

/** Keeps every mediaEnded call. */
public final class RecordingListener implements MediaListener {

    public record Ended(MediaSession session, MediaEndCause cause) {
    }

    private final List<Ended> calls = new CopyOnWriteArrayList<>();

    @Override
    public void mediaEnded(MediaSession session, MediaEndCause cause) {
        calls.add(new Ended(session, cause));
    }

    public List<Ended> calls() {
        return List.copyOf(calls);
    }
}
