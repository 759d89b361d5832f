package org.forkline.api.media;

/**
 * Told when a media session ends on its own; the session is already closed and its port released. Called on a media
 * thread that receives RTP for other legs too: hand the work over, never block.
 */
@FunctionalInterface
public interface MediaListener {

    void mediaEnded(MediaSession session, MediaEndCause cause);
}
