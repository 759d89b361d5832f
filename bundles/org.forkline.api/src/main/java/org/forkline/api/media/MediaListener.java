package org.forkline.api.media;

/** Told when a media session ends on its own; the session is already closed and its port released. */
@FunctionalInterface
public interface MediaListener {

    void mediaEnded(MediaSession session, MediaEndCause cause);
}
