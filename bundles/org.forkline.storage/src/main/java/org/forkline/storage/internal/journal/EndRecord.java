package org.forkline.storage.internal.journal;

import java.time.Instant;

import org.forkline.api.MediaStats;

/** Content of an END record: why and when the leg ended, with its final packet counters. */
public record EndRecord(String reason, Instant endedAt, MediaStats stats) {
}
