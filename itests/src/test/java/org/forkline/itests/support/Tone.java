package org.forkline.itests.support;

/**
 * A sine tone at 8 kHz, continuous in phase across frames: frame {@code n} is samples {@code n*160 ..}.
 *
 * @param frequencyHz frequency of the tone
 * @param levelDbfs   RMS level relative to a full-scale sine, e.g. -12
 */
public record Tone(double frequencyHz, double levelDbfs) {

    public static final int SAMPLE_RATE = 8000;
    public static final int SAMPLES_PER_FRAME = 160;
    public static final int FRAME_MILLIS = 20;

    /** A tone at −12 dBFS, the level the tests use. */
    public static Tone of(double frequencyHz) {
        return new Tone(frequencyHz, -12);
    }

    /** 160 samples (20 ms) of frame {@code frameIndex}. */
    public short[] frame(long frameIndex) {
        short[] samples = new short[SAMPLES_PER_FRAME];
        double amplitude = 32767 * Math.pow(10, levelDbfs / 20);
        long first = frameIndex * SAMPLES_PER_FRAME;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequencyHz * (first + i) / SAMPLE_RATE));
        }
        return samples;
    }

    /** Frame {@code frameIndex} encoded as PCMU. */
    public byte[] pcmuFrame(long frameIndex) {
        return G711.encode(frame(frameIndex));
    }
}
