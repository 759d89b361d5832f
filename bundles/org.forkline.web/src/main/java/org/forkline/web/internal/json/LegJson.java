package org.forkline.web.internal.json;

/** One forked stream of a recording as JSON; instants as ISO-8601 strings. */
public record LegJson(
        String id,
        String direction,
        String sipCallId,
        String startedAt,
        String endedAt,
        String codec,
        String remoteAddress,
        String endReason,
        StatsJson stats) {
}
