package org.forkline.sip.internal.fakes;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.PcmSink;

/** A storage leg that records every call SIP makes on it. */
public final class FakeLegHandle implements LegHandle {

    /** One {@link #end} call. */
    public record End(String reason, MediaStats stats) {
    }

    public final LegMetadata initialMetadata;
    public final UUID recordingId = UUID.randomUUID();
    public final UUID legId = UUID.randomUUID();
    public final List<String> negotiations = new CopyOnWriteArrayList<>();
    public final List<LegMetadata> metadataUpdates = new CopyOnWriteArrayList<>();
    public final List<End> ends = new CopyOnWriteArrayList<>();
    /** Times SIP resumed this leg after a restart. */
    public final AtomicInteger resumes = new AtomicInteger();

    FakeLegHandle(LegMetadata metadata) {
        this.initialMetadata = metadata;
    }

    @Override
    public UUID recordingId() {
        return recordingId;
    }

    @Override
    public UUID legId() {
        return legId;
    }

    @Override
    public PcmSink sink() {
        return new PcmSink() {
            @Override
            public void begin(int sampleRate, String codec, long anchorEpochMicros) {
            }

            @Override
            public void append(long position, short[] samples, int offset, int length) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void mediaNegotiated(String codec, String remoteAddress) {
        negotiations.add(codec + " " + remoteAddress);
    }

    @Override
    public void updateMetadata(LegMetadata metadata) {
        metadataUpdates.add(metadata);
    }

    @Override
    public void end(String reason, MediaStats stats) {
        ends.add(new End(reason, stats));
    }
}
