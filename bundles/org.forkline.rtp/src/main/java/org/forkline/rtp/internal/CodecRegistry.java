package org.forkline.rtp.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.forkline.api.codec.AudioCodec;
import org.forkline.rtp.internal.timeline.CodecCatalog;

/** The AudioCodec services bound right now, kept sorted by preference for the packet path and the SDP offer. */
final class CodecRegistry implements CodecCatalog {

    private static final Comparator<AudioCodec> BY_PREFERENCE =
            Comparator.comparingInt(AudioCodec::preference).thenComparing(AudioCodec::encodingName);

    // Codecs come and go on SCR threads while event loops read: writers copy, readers see an immutable list.
    private volatile List<AudioCodec> sorted = List.of();
    private volatile int version;

    synchronized void add(AudioCodec codec) {
        List<AudioCodec> next = new ArrayList<>(sorted);
        next.add(codec);
        next.sort(BY_PREFERENCE);
        sorted = List.copyOf(next);
        version++;
    }

    synchronized void remove(AudioCodec codec) {
        List<AudioCodec> next = new ArrayList<>(sorted);
        if (next.removeIf(c -> c == codec)) {
            sorted = List.copyOf(next);
            version++;
        }
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public List<AudioCodec> codecs() {
        return sorted;
    }
}
