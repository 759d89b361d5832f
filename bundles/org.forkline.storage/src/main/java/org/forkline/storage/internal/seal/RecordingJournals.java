package org.forkline.storage.internal.seal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.RecordingState;
import org.forkline.storage.internal.db.LegRow;
import org.forkline.storage.internal.db.RecordingRow;
import org.forkline.storage.internal.journal.BeginRecord;
import org.forkline.storage.internal.journal.LegMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leg journals of one recording laid out on a common timeline: the recording starts at the earliest leg anchor,
 * runs at the highest leg rate, and every leg is placed at its anchor's offset (an 8 kHz leg is doubled when the other
 * is 16 kHz).
 */
final class RecordingJournals implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingJournals.class);
    private static final int DEFAULT_RATE = 8000;

    private final List<JournalPcmSource> legs;
    private final int sampleRate;
    private final long startMicros;

    private RecordingJournals(List<JournalPcmSource> legs) {
        this.legs = legs;
        this.sampleRate = legs.stream().map(JournalPcmSource::begin).filter(Objects::nonNull)
                .mapToInt(BeginRecord::sampleRate).max().orElse(DEFAULT_RATE);
        this.startMicros = legs.stream().map(JournalPcmSource::begin).filter(Objects::nonNull)
                .mapToLong(BeginRecord::anchorEpochMicros).min()
                .orElseGet(() -> legs.stream().mapToLong(l -> l.meta().startedAt().toEpochMilli() * 1000).min()
                        .orElse(0));
    }

    /** Opens every readable leg journal of the recording; unreadable ones are logged and left out. */
    static RecordingJournals open(UUID recordingId, List<Path> files) throws IOException {
        List<JournalPcmSource> legs = new ArrayList<>();
        try {
            for (Path file : files) {
                openLeg(recordingId, file, legs);
            }
            if (legs.isEmpty()) {
                throw new IOException("no readable leg journal for recording " + recordingId + " (" + files.size()
                        + " file(s))");
            }
            legs.sort(Comparator.comparing(l -> l.meta().startedAt()));
            RecordingJournals journals = new RecordingJournals(legs);
            journals.placeLegs();
            return journals;
        } catch (IOException | RuntimeException e) {
            for (JournalPcmSource leg : legs) {
                leg.close();
            }
            throw e;
        }
    }

    List<JournalPcmSource> legs() {
        return legs;
    }

    int sampleRate() {
        return sampleRate;
    }

    Instant start() {
        return Instant.ofEpochSecond(0, startMicros * 1000);
    }

    /** True when only one of the two sides was ever seen. */
    boolean orphan() {
        Set<LegDirection> sides = EnumSet.noneOf(LegDirection.class);
        legs.forEach(l -> sides.add(l.meta().metadata().direction()));
        return sides.size() < 2;
    }

    /** The distinct codecs of the legs, e.g. {@code PCMU} or {@code PCMU/G722}; null when no leg had audio. */
    String codecs() {
        String codecs = legs.stream().map(JournalPcmSource::begin).filter(Objects::nonNull).map(BeginRecord::codec)
                .filter(Objects::nonNull).distinct().collect(Collectors.joining("/"));
        return codecs.isEmpty() ? null : codecs;
    }

    /** One side of the stereo file at the recording's rate: near left, far right. */
    PcmSource channel(LegDirection side) throws IOException {
        List<PcmSource> sources = new ArrayList<>();
        for (JournalPcmSource leg : legs) {
            if (leg.meta().metadata().direction() == side && leg.begin() != null) {
                sources.add(leg.begin().sampleRate() == sampleRate ? leg : new DoublingResampler(leg));
            }
        }
        if (sources.isEmpty()) {
            return PcmSource.silence();
        }
        return sources.size() == 1 ? sources.get(0) : new MixedSource(sources);
    }

    /** The recording's row as its first journal describes it, for a crash before the row was written. */
    RecordingRow rowIfMissing(UUID recordingId, String nodeId) {
        LegMeta first = legs.get(0).meta();
        LegMetadata m = first.metadata();
        return new RecordingRow(recordingId, m.pairKey(), m.clusterId(), m.refci(), RecordingState.SEALING,
                first.startedAt(), null, 0, m.near(), m.far(), null, 0, nodeId, true, false, 0, null, null);
    }

    /** Each leg's row as its journal describes it, for a crash before the row was written. */
    List<LegRow> legRowsIfMissing() {
        return legs.stream().map(JournalPcmSource::meta).map(meta -> LegRow.started(meta.legId(), meta.recordingId(),
                meta.metadata().direction(), meta.metadata().sipCallId(), meta.startedAt(),
                meta.metadata().parameters())).toList();
    }

    /** Wall-clock end of a leg: anchor plus the samples it wrote; its admission time when it had no audio. */
    static Instant legEnd(JournalPcmSource leg) {
        BeginRecord begin = leg.begin();
        if (begin == null) {
            return leg.meta().startedAt();
        }
        long micros = begin.anchorEpochMicros() + leg.legSamples() * 1_000_000 / begin.sampleRate();
        return Instant.ofEpochSecond(0, micros * 1000);
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (JournalPcmSource leg : legs) {
            try {
                leg.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void placeLegs() throws IOException {
        for (JournalPcmSource leg : legs) {
            BeginRecord begin = leg.begin();
            if (begin == null) {
                continue;
            }
            int rate = begin.sampleRate();
            if (rate != sampleRate && rate * 2 != sampleRate) {
                throw new IOException("leg " + leg.meta().legId() + " has " + rate + " Hz audio, which cannot be "
                        + "combined with " + sampleRate + " Hz");
            }
            long offsetMicros = begin.anchorEpochMicros() - startMicros;
            leg.startAt(Math.round(offsetMicros * (double) rate / 1_000_000));
        }
    }

    private static void openLeg(UUID recordingId, Path file, List<JournalPcmSource> legs) throws IOException {
        JournalPcmSource leg;
        try {
            leg = JournalPcmSource.open(file);
        } catch (IOException e) {
            LOG.warn("Leg journal {} of recording {} cannot be read and is left out: {}", file, recordingId,
                    e.getMessage());
            return;
        }
        if (leg.meta() == null || !leg.meta().recordingId().equals(recordingId)) {
            LOG.warn("Leg journal {} has no metadata for recording {} and is left out", file, recordingId);
            leg.close();
            return;
        }
        legs.add(leg);
    }
}
