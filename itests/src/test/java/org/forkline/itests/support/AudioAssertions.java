package org.forkline.itests.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on a channel of a decoded recording: which tone is in a time window, or that it is silent. */
public final class AudioAssertions {

    /** Below this RMS a window counts as silent (the tones are at −15 dBFS RMS; Opus gates below −45 dBFS). */
    public static final double SILENCE_DBFS = -45;
    /** A window that carries the tone is at least this loud. */
    public static final double TONE_MIN_DBFS = -30;

    private AudioAssertions() {
    }

    /** In {@code [fromMillis, toMillis)} the channel carries {@code expectedHz}, {@code minDb} above {@code otherHz}. */
    public static void assertTone(WavAudio wav, int channel, long fromMillis, long toMillis, double expectedHz,
            double otherHz, double minDb) {
        short[] samples = wav.channel(channel);
        double level = AudioAnalysis.rmsDbfs(samples, wav.sampleRate(), fromMillis, toMillis);
        double dominance = AudioAnalysis.dominanceDb(samples, wav.sampleRate(), fromMillis, toMillis, expectedHz,
                otherHz);
        assertThat(level).as("RMS of channel %d in [%d, %d) ms (dBFS)", channel, fromMillis, toMillis)
                .isGreaterThan(TONE_MIN_DBFS);
        assertThat(dominance).as("%s Hz over %s Hz on channel %d in [%d, %d) ms (dB)", expectedHz, otherHz, channel,
                fromMillis, toMillis).isGreaterThanOrEqualTo(minDb);
    }

    /** Every {@code stepMillis} window of {@code [fromMillis, toMillis)} carries the tone (no gap anywhere). */
    public static void assertToneThroughout(WavAudio wav, int channel, long fromMillis, long toMillis,
            long stepMillis, double expectedHz, double otherHz, double minDb) {
        for (long start = fromMillis; start + stepMillis <= toMillis; start += stepMillis) {
            assertTone(wav, channel, start, start + stepMillis, expectedHz, otherHz, minDb);
        }
    }

    /** In {@code [fromMillis, toMillis)} the channel is silent. */
    public static void assertSilent(WavAudio wav, int channel, long fromMillis, long toMillis) {
        assertThat(AudioAnalysis.rmsDbfs(wav.channel(channel), wav.sampleRate(), fromMillis, toMillis))
                .as("RMS of channel %d in [%d, %d) ms (dBFS), expected silence", channel, fromMillis, toMillis)
                .isLessThan(SILENCE_DBFS);
    }
}
