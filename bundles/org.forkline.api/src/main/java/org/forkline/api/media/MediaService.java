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

    /** The codecs that can be decoded now, in the order to offer them. */
    List<AudioCodec> codecs();

    /** Node-wide counters and port usage. */
    MediaStatistics statistics();
}
