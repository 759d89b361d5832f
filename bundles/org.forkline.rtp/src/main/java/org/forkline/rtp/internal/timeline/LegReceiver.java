package org.forkline.rtp.internal.timeline;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;

import org.forkline.api.codec.AudioCodec;
import org.forkline.api.codec.AudioDecoder;
import org.forkline.api.media.RemoteMedia;
import org.forkline.api.storage.PcmSink;
import org.forkline.rtp.internal.packet.RtpPacket;
import org.forkline.rtp.internal.timeline.PayloadMap.Binding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the RTP datagrams of one leg into PCM on the sink's timeline: source check, payload type, duplicates,
 * SSRC segments anchored by arrival time, decoding, and the reorder buffer; a resumed leg goes on with the timeline of
 * the receiver before it. Confined to one thread; every sink failure surfaces as an IOException for the caller to end
 * the leg.
 */
public final class LegReceiver {

    /** Longest packet accepted, in samples at the sink's rate (256 ms at 16 kHz). */
    public static final int MAX_PACKET_SAMPLES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(LegReceiver.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** How long after a resumed leg's first packet its socket backlog may still be being read. */
    private static final long BACKLOG_NANOS = NANOS_PER_SECOND;

    private final String label;
    private final PcmSink sink;
    private final LegOptions options;
    private final PayloadMap payloads;
    private final Scratch scratch;
    private final StreamCounters counters;
    private final MediaClock clock;
    private final RtpPacket packet = new RtpPacket();
    private final long reorderNanos;
    private final long flushNanos;

    private RemoteMedia remote;
    private long lastActivityNanos;
    private long lastAudioNanos;

    private int sinkRate;
    private long anchorNanos;
    private long anchorEpochMicros;
    /** The receiver this one took the leg over from; null for a new leg. */
    private Continuation predecessor;
    /** Packets read before this (monotonic) time may have waited in the socket since {@code predecessor} stopped. */
    private long backlogUntilNanos = Long.MIN_VALUE;
    private ReorderBuffer buffer;
    private long lastFlushNanos;

    private SourceState current;
    private SourceState previous;
    private long lostOfRetiredSources;

    public LegReceiver(String label, PcmSink sink, LegOptions options, CodecCatalog catalog, Scratch scratch,
            StreamCounters counters, MediaClock clock) {
        this.label = label;
        this.sink = new GuardedSink(sink);
        this.options = options;
        this.payloads = new PayloadMap(catalog);
        this.scratch = scratch;
        this.counters = counters;
        this.clock = clock;
        this.reorderNanos = options.reorderMillis() * 1_000_000L;
        this.flushNanos = options.flushMillis() * 1_000_000L;
        this.lastActivityNanos = clock.nanoTime();
    }

    /** Applies the far side's answer; also restarts the inactivity clock (a resumed call starts afresh). */
    public void configure(RemoteMedia media, long nowNanos) {
        remote = media;
        payloads.negotiate(media.payloadTypes());
        lastActivityNanos = nowNanos;
    }

    /**
     * Goes on exactly where another receiver of this leg stopped (a resumed leg): the same anchor for the sink, the
     * same segments of its senders, nothing written before its end. Call before the first packet.
     */
    public void resumeFrom(Continuation from) {
        if (buffer != null || current != null) {
            throw new IllegalStateException("resumeFrom() after packets were received");
        }
        predecessor = from;
        List<Continuation.Source> sources = from.sources();
        if (!sources.isEmpty()) {
            current = SourceState.continuing(sources.get(0));
        }
        if (sources.size() > 1) {
            previous = SourceState.continuing(sources.get(1));
        }
    }

    /**
     * Where this receiver stands, for the next receiver of the leg; call after {@link #finish}. Null when it never
     * placed audio and took over from nobody (the next one then starts a timeline of its own).
     */
    public Continuation continuation() {
        if (buffer == null) {
            // No audio since the takeover: what it took over is still where the leg stands.
            return predecessor;
        }
        List<Continuation.Source> sources = new ArrayList<>(2);
        if (current != null) {
            sources.add(current.continuation());
            if (previous != null) {
                sources.add(previous.continuation());
            }
        }
        return new Continuation(sinkRate, anchorEpochMicros, anchorNanos, buffer.committed(), clock.nanoTime(),
                sources);
    }

    /** Processes one datagram that arrived at {@code arrivalNanos} (monotonic clock). */
    public void receive(ByteBuf datagram, InetAddress sender, long arrivalNanos) throws IOException {
        RtpPacket p = packet;
        if (!p.wrap(datagram)) {
            counters.malformed();
            return;
        }
        RemoteMedia media = remote;
        if (media != null && options.strictSource() && !media.address().isAnyLocalAddress()
                && !media.address().equals(sender)) {
            counters.unexpectedSource();
            return;
        }
        lastActivityNanos = arrivalNanos;
        Binding binding = payloads.lookup(p.payloadType());
        if (binding == null) {
            counters.malformed();
            return;
        }
        SourceState source = sourceFor(p.ssrc());
        if (!source.sequence.accept(p.sequenceNumber())) {
            counters.duplicate();
            return;
        }
        switch (binding.kind()) {
            case EVENT -> {
                counters.received();
                counters.event();
            }
            case COMFORT_NOISE -> {
                counters.received();
                counters.comfortNoise();
            }
            default -> placeAudio(source, binding, arrivalNanos);
        }
        counters.lost(lostOfRetiredSources + (previous == null ? 0 : previous.sequence.lost())
                + current.sequence.lost());
    }

    /** Periodic work: commit held audio once packets paused for the reorder time, and flush on schedule. */
    public void tick(long nowNanos) throws IOException {
        if (buffer == null) {
            return;
        }
        if (nowNanos - lastAudioNanos >= reorderNanos) {
            buffer.commitAll();
        }
        if (buffer.appendedSinceFlush() && nowNanos - lastFlushNanos >= flushNanos) {
            flush(nowNanos);
        }
    }

    /** True when RTP is expected (not on hold) but none came for {@code timeoutNanos}. */
    public boolean inactive(long nowNanos, long timeoutNanos) {
        boolean onHold = remote != null && remote.direction().silent();
        return !onHold && nowNanos - lastActivityNanos >= timeoutNanos;
    }

    /**
     * Closes the sink, first committing everything still held unless the sink already failed.
     */
    public void finish(boolean commit) throws IOException {
        try {
            if (commit && buffer != null) {
                buffer.commitAll();
            }
        } finally {
            sink.close();
        }
    }

    private SourceState sourceFor(int ssrc) {
        if (current != null && current.ssrc == ssrc) {
            return current;
        }
        if (previous != null && previous.ssrc == ssrc) {
            // Stragglers of the stream that was just replaced: placed by its own state, usually dropped as late.
            return previous;
        }
        SourceState source = new SourceState(ssrc);
        if (current != null) {
            counters.ssrcChange();
            if (previous != null) {
                lostOfRetiredSources += previous.sequence.lost();
            }
            previous = current;
            LOG.debug("RTP leg {}: SSRC changed from {} to {}", label, Integer.toUnsignedString(current.ssrc),
                    Integer.toUnsignedString(ssrc));
        }
        current = source;
        return source;
    }

    private void placeAudio(SourceState source, Binding binding, long arrivalNanos) throws IOException {
        AudioCodec codec = binding.codec();
        if (buffer == null) {
            begin(codec, arrivalNanos);
        }
        long position = position(source, binding.clockRate(), arrivalNanos);
        if (position < buffer.committed()) {
            counters.late();
            return;
        }
        int samples = decode(source.decoderFor(codec), codec.sampleRate());
        if (samples < 0) {
            counters.malformed();
            return;
        }
        short[] pcm = codec.sampleRate() == sinkRate ? scratch.decoded : scratch.resampled;
        if (!buffer.write(position, pcm, 0, samples)) {
            counters.late();
            return;
        }
        counters.received();
        lastAudioNanos = arrivalNanos;
        if (arrivalNanos - lastFlushNanos >= flushNanos && buffer.appendedSinceFlush()) {
            flush(arrivalNanos);
        }
    }

    private void begin(AudioCodec codec, long arrivalNanos) throws IOException {
        long start = 0;
        if (predecessor == null) {
            sinkRate = codec.sampleRate();
            anchorNanos = arrivalNanos;
            anchorEpochMicros = clock.epochMicros();
        } else {
            // The original anchor: the sink of a resumed leg maps it onto the leg's timeline with no shift. The rate
            // stays too (another codec is resampled), as a leg's stored timeline has one rate.
            sinkRate = predecessor.sinkRate();
            anchorNanos = predecessor.anchorNanos();
            anchorEpochMicros = predecessor.anchorEpochMicros();
            start = predecessor.committed();
            backlogUntilNanos = arrivalNanos + BACKLOG_NANOS;
        }
        lastFlushNanos = arrivalNanos;
        int holdSamples = (int) ((long) options.reorderMillis() * sinkRate / 1000);
        buffer = new ReorderBuffer(sink, holdSamples, MAX_PACKET_SAMPLES, start);
        sink.begin(sinkRate, codec.encodingName(), anchorEpochMicros);
    }

    /**
     * Timeline position of the current packet: from its timestamp within the sender's segment, or from its
     * arrival time when the segment is new or the timestamp disagrees with the arrival time by more than a second
     * (hold/resume with restarted or frozen timestamps). Never before audio already written.
     */
    private long position(SourceState source, int clockRate, long arrivalNanos) {
        long timestamp = source.extendTimestamp(packet.timestamp());
        if (source.anchoredAt(clockRate)) {
            long byTimestamp = source.timestampPosition(timestamp, sinkRate);
            long byArrival = source.arrivalPosition(arrivalNanos, sinkRate);
            long lateBy = byArrival - byTimestamp;
            if (Math.abs(lateBy) <= sinkRate || lateBy > 0 && lateBy <= sinkRate + waitedInSocket(arrivalNanos)) {
                return byTimestamp;
            }
            LOG.debug("RTP leg {}: timestamps of SSRC {} are {} ms off the arrival time; re-anchoring", label,
                    Integer.toUnsignedString(source.ssrc), (byTimestamp - byArrival) * 1000 / sinkRate);
        }
        long position = Math.max(buffer.end(), (arrivalNanos - anchorNanos) * sinkRate / NANOS_PER_SECOND);
        source.anchor(timestamp, clockRate, position, arrivalNanos);
        return position;
    }

    /**
     * The longest time (in samples) a packet read now may have waited in the socket during a handover: packets that
     * came while nobody read the socket are read late by up to the time since the previous receiver stopped, and
     * their arrival time says so, not their timestamp. Only for the backlog, which is read within moments of the
     * resumed leg's first packet: widening the rule for good would hide a sender restarting its timestamps. Zero for
     * a leg that was not resumed.
     */
    private long waitedInSocket(long arrivalNanos) {
        if (arrivalNanos >= backlogUntilNanos) {
            return 0;
        }
        return Math.max(0, arrivalNanos - predecessor.stoppedNanos()) * sinkRate / NANOS_PER_SECOND;
    }

    /** Decodes the payload into the scratch arrays; -1 when it is not valid for the codec. */
    private int decode(AudioDecoder decoder, int codecRate) {
        int length = packet.payloadLength();
        if (length > scratch.payload.length || decoder.maxSamples(length) > scratch.decoded.length) {
            return -1;
        }
        packet.copyPayload(scratch.payload);
        int samples;
        try {
            samples = decoder.decode(scratch.payload, 0, length, scratch.decoded, 0);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        if (codecRate != sinkRate) {
            if (Resampler.outputLength(samples, codecRate, sinkRate) > MAX_PACKET_SAMPLES) {
                return -1;
            }
            samples = Resampler.convert(scratch.decoded, samples, codecRate, sinkRate, scratch.resampled);
        }
        return samples;
    }

    private void flush(long nowNanos) throws IOException {
        sink.flush();
        buffer.markFlushed();
        lastFlushNanos = nowNanos;
    }
}
