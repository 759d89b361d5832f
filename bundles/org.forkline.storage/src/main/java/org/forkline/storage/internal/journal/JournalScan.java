package org.forkline.storage.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a leg journal holds, checked record by record: its first META, its BEGIN, where its audio ends, whether it has
 * an END, and how many bytes are good (a torn or corrupt tail starts there).
 *
 * @param meta       the first META record, null when there is none
 * @param begin      the BEGIN record, null when the leg had no audio yet
 * @param pcmEnd     timeline position just after the last sample written (0 without audio)
 * @param ended      true when the journal has an END record
 * @param goodBytes  length of the file up to the end of its last good record
 * @param fileBytes  length of the file
 * @param stopReason why reading stopped before the end of the file, or null
 */
public record JournalScan(LegMeta meta, BeginRecord begin, long pcmEnd, boolean ended, long goodBytes,
        long fileBytes, String stopReason) {

    /** Reads the whole journal and verifies the checksum of every record. */
    public static JournalScan of(Path path) throws IOException {
        long fileBytes = Files.size(path);
        try (JournalReader reader = JournalReader.open(path)) {
            if (reader.stopReason() != null) {
                throw new IOException(path + " is not a readable journal: " + reader.stopReason());
            }
            LegMeta meta = null;
            BeginRecord begin = null;
            long pcmEnd = 0;
            boolean ended = false;
            while (reader.next()) {
                ByteBuffer payload = reader.payload();
                switch (reader.type()) {
                    case META -> meta = meta == null ? JournalPayloads.decodeMeta(payload) : meta;
                    case BEGIN -> begin = begin == null ? JournalPayloads.decodeBegin(payload) : begin;
                    case PCM -> pcmEnd = Math.max(pcmEnd,
                            payload.getLong(0) + (payload.remaining() - JournalFormat.PCM_POSITION_BYTES) / 2);
                    case END -> ended = true;
                    default -> throw new IllegalStateException("unknown record type " + reader.type());
                }
            }
            return new JournalScan(meta, begin, pcmEnd, ended, reader.offset(), fileBytes, reader.stopReason());
        }
    }

    /** Bytes after the last good record: a write torn by a crash, or garbage. */
    public long tornBytes() {
        return fileBytes - goodBytes;
    }
}
