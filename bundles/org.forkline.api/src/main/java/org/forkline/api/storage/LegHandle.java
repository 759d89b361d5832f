package org.forkline.api.storage;

import java.util.UUID;

import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;

/**
 * The storage side of one admitted leg. Thread-safe, except {@link #sink()} which is single-threaded. Its methods
 * write to the database and the disk and may block for milliseconds: never call them from an RTP event loop.
 */
public interface LegHandle {

    UUID recordingId();

    UUID legId();

    /** Where the leg's decoded audio goes; hand it to exactly one media session. */
    PcmSink sink();

    /** Records the codec and the media source once negotiated (ACK, re-INVITE). */
    void mediaNegotiated(String codec, String remoteAddress);

    /** New metadata from an in-dialog UPDATE or re-INVITE (e.g. a new far end after a transfer). */
    void updateMetadata(LegMetadata metadata);

    /**
     * Ends the leg. Call after the sink was closed (the media session's close completed). When every leg of
     * the recording has ended, the recording is queued for sealing. Idempotent.
     *
     * @param reason e.g. {@code BYE}, {@code RTP_TIMEOUT}, {@code SESSION_EXPIRED}, {@code CANCEL}, {@code ERROR}
     * @param stats  final packet counters of the leg
     */
    void end(String reason, MediaStats stats);
}
