package org.forkline.api.media;

import java.util.List;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.storage.PcmSink;

/** Binds RTP ports and turns the packets that arrive on them into PCM for a {@link PcmSink}. */
public interface MediaService {

    /**
     * Binds a free port of the configured range and starts receiving on it. Packets are accepted
     * from any source with the offered static payload types until {@link MediaSession#configure} narrows it.
     *
     * @param label    for log lines, e.g. the recording and leg id
     * @param sink     where the decoded audio goes; called from one thread at a time
     * @param listener told when the session ends by itself (RTP inactivity, storage failure)
     * @throws MediaUnavailableException when no port is free or the socket cannot be bound
     */
    MediaSession open(String label, PcmSink sink, MediaListener listener) throws MediaUnavailableException;

    /**
     * Opens a session on a given port for a leg that goes on across a bundle update or restart: the port the
     * leg's previous session used, which the far side still sends to. The sockets are adopted when a previous
     * activation of this service handed them over, or when a session of this activation still holds the port (that
     * session ends without telling its listener); packets that arrived meanwhile wait in the socket buffer and none
     * is lost. Otherwise the port is bound again.
     *
     * @param remote the far side's description to apply at once, as {@link MediaSession#configure}; null: none yet
     * @throws MediaUnavailableException when the port cannot be bound
     */
    MediaSession resume(String label, PcmSink sink, MediaListener listener, int port, RemoteMedia remote)
            throws MediaUnavailableException;

    /** The codecs that can be decoded now, in the order to offer them. */
    List<AudioCodec> codecs();

    /** Node-wide counters and port usage. */
    MediaStatistics statistics();
}
