package org.forkline.storage.internal.journal;

/** Content of a BEGIN record: timeline position 0 is the sample heard at {@code anchorEpochMicros}. */
public record BeginRecord(int sampleRate, String codec, long anchorEpochMicros) {
}
