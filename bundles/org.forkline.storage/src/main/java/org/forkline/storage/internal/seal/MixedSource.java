package org.forkline.storage.internal.seal;

import java.io.IOException;
import java.util.List;

/** Sums several legs of the same side (only after an unusual recovery; pairing keeps one leg per side). */
final class MixedSource implements PcmSource {

    private final List<PcmSource> sources;
    private short[] scratch = new short[0];

    MixedSource(List<PcmSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public void read(short[] out, int offset, int length) throws IOException {
        if (scratch.length < length) {
            scratch = new short[length];
        }
        sources.get(0).read(out, offset, length);
        for (PcmSource source : sources.subList(1, sources.size())) {
            source.read(scratch, 0, length);
            for (int i = 0; i < length; i++) {
                int sum = out[offset + i] + scratch[i];
                out[offset + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
            }
        }
    }

    @Override
    public boolean drained() {
        return sources.stream().allMatch(PcmSource::drained);
    }

    @Override
    public long end() {
        return sources.stream().mapToLong(PcmSource::end).max().orElse(0);
    }
}
