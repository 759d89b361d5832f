package org.forkline.api;

import java.time.Instant;

/**
 * Search criteria for recordings; null fields do not filter.
 *
 * @param from   recordings that started at or after this instant
 * @param to     recordings that started before this instant
 * @param number matches the near or the far number exactly
 * @param offset rows to skip (paging), at least 0
 * @param limit  maximum rows to return, 1 to {@link #MAX_LIMIT}
 */
public record RecordingQuery(Instant from, Instant to, String number, int offset, int limit) {

    public static final int MAX_LIMIT = 1000;

    public RecordingQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
    }
}
