package org.forkline.storage.internal.journal;

import java.time.Instant;
import java.util.UUID;

import org.forkline.api.LegMetadata;

/** Content of a META record: which recording and leg a journal belongs to, and everything CUCM said about it. */
public record LegMeta(UUID recordingId, UUID legId, Instant startedAt, String nodeId, LegMetadata metadata) {
}
