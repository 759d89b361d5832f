package org.forkline.loadgen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * After a load run with continuous speech ({@code --activity continuous}), fetches every recording made since a
 * given instant as WAV and measures the audio that went missing on each channel: silent 20 ms windows between the
 * first and the last half second. Prints one Markdown row (the live-update benchmark).
 *
 * <p>Usage: {@code AudioGapProbe --http http://127.0.0.1:8190 --since <ISO instant> --calls <placed> --updates <n>}
 */
public final class AudioGapProbe {

    private static final int WINDOW_MILLIS = 20;
    private static final int EDGE_MILLIS = 500;
    /** Below this RMS a window is silent: the speech is at about −26 dBFS RMS, its noise floor never goes there. */
    private static final double SILENCE_DBFS = -45;

    private AudioGapProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, 0);
        NodeRest rest = new NodeRest(options.getOrDefault("http", "http://127.0.0.1:8181"));
        List<NodeRest.Recording> recordings = rest.all(options.get("since"));
        int calls = Integer.parseInt(options.getOrDefault("calls", "0"));
        int updates = Integer.parseInt(options.getOrDefault("updates", "0"));
        List<Long> missingPerChannel = new ArrayList<>();
        int notSealed = 0;
        for (NodeRest.Recording recording : recordings) {
            if (!recording.sealed()) {
                notSealed++;
                continue;
            }
            Wav wav = Wav.parse(rest.bytes("/api/v1/recordings/" + recording.id() + "/audio?format=wav"));
            for (short[] channel : wav.channels()) {
                missingPerChannel.add(missingMillis(channel, wav.rate()));
            }
        }
        Collections.sort(missingPerChannel);
        long total = missingPerChannel.stream().mapToLong(Long::longValue).sum();
        long withGaps = missingPerChannel.stream().filter(ms -> ms > 0).count();
        System.out.println("| calls placed | recordings | not sealed | channels | channels with missing audio "
                + "| missing per channel p50 / p95 / max ms | missing per channel and update, mean ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %d / %d / %d | %.1f |%n", calls, recordings.size(),
                notSealed, missingPerChannel.size(), withGaps, percentile(missingPerChannel, 50),
                percentile(missingPerChannel, 95), percentile(missingPerChannel, 100),
                missingPerChannel.isEmpty() || updates == 0 ? 0.0 : (double) total / missingPerChannel.size() / updates);
    }

    /** A 16-bit PCM WAV: its sample rate and channels (none when the bytes are not one). */
    record Wav(int rate, List<short[]> channels) {

        static Wav parse(byte[] wav) {
            ByteBuffer buffer = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            if (wav.length < 44 || buffer.getInt(0) != 0x46464952 || buffer.getInt(8) != 0x45564157) {
                return new Wav(0, List.of());                        // not "RIFF....WAVE"
            }
            int channels = 0;
            int rate = 0;
            for (int offset = 12; offset + 8 <= wav.length; ) {
                int id = buffer.getInt(offset);
                int size = buffer.getInt(offset + 4);
                if (id == 0x20746d66) {                               // "fmt "
                    channels = buffer.getShort(offset + 10);
                    rate = buffer.getInt(offset + 12);
                } else if (id == 0x61746164 && channels > 0) {        // "data"
                    int frames = Math.min(size, wav.length - offset - 8) / (2 * channels);
                    List<short[]> out = new ArrayList<>();
                    for (int c = 0; c < channels; c++) {
                        short[] samples = new short[frames];
                        for (int f = 0; f < frames; f++) {
                            samples[f] = buffer.getShort(offset + 8 + 2 * (f * channels + c));
                        }
                        out.add(samples);
                    }
                    return new Wav(rate, out);
                }
                offset += 8 + size + (size & 1);
            }
            return new Wav(0, List.of());
        }
    }

    /** Silent 20 ms windows of a channel, its first and last half second left out. */
    static long missingMillis(short[] samples, int rate) {
        int window = rate * WINDOW_MILLIS / 1000;
        int edge = rate * EDGE_MILLIS / 1000;
        long missing = 0;
        for (int start = edge; start + window <= samples.length - edge; start += window) {
            double sum = 0;
            for (int i = start; i < start + window; i++) {
                sum += (double) samples[i] * samples[i];
            }
            double dbfs = 10 * Math.log10(sum / window / (32768.0 * 32768.0) + 1e-12);
            if (dbfs < SILENCE_DBFS) {
                missing += WINDOW_MILLIS;
            }
        }
        return missing;
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
