package org.forkline.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One forked stream (one SIP dialog) of a recording.
 *
 * @param id            leg id
 * @param direction     near or far end
 * @param sipCallId     Call-ID of the dialog
 * @param startedAt     when the INVITE was admitted
 * @param endedAt       when the leg ended, null while active
 * @param codec         codec of the received audio (e.g. {@code PCMU}), null before media started
 * @param remoteAddress where the media came from ({@code ip:port}), null before the answer
 * @param endReason     why the leg ended ({@code BYE}, {@code RTP_TIMEOUT}, {@code RECOVERED}, ...), null while active
 * @param stats         packet counters at the end of the leg
 */
public record RecordingLeg(
        UUID id,
        LegDirection direction,
        String sipCallId,
        Instant startedAt,
        Instant endedAt,
        String codec,
        String remoteAddress,
        String endReason,
        MediaStats stats) {
}
