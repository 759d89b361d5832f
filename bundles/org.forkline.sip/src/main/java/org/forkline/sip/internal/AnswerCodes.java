package org.forkline.sip.internal;

/**
 * The configurable final answers that steer CUCM's route-list failover (see DESIGN.md).
 *
 * @param untrusted   source is not a trusted peer (default 403)
 * @param unknownUser near-end number is not a recording user (default 404, stops hunting)
 * @param channelLimit no channel free (default 486, stops hunting)
 * @param unavailable node cannot record now (default 503, CUCM tries the backup)
 */
public record AnswerCodes(int untrusted, int unknownUser, int channelLimit, int unavailable) {
}
