package org.forkline.itests.support;

/**
 * A G.711 µ-law tone stream: {@code packets} packets of 20 ms, sequence numbers and timestamps counting up from the
 * given start values (both wrap as on the wire).
 */
public record RtpStream(Tone tone, int packets, long ssrc, int firstSequence, long firstTimestamp) {

    public static final int PCMU = 0;

    /** A stream of {@code millis} of the tone (rounded down to whole packets), with start values from the seed. */
    public static RtpStream of(Tone tone, long millis, long seed) {
        java.util.Random random = new java.util.Random(seed);
        return new RtpStream(tone, (int) (millis / Tone.FRAME_MILLIS), random.nextInt() & 0xFFFFFFFFL,
                random.nextInt(65536), random.nextInt() & 0xFFFFFFFFL);
    }

    public long durationMillis() {
        return (long) packets * Tone.FRAME_MILLIS;
    }

    /** Packet {@code index} of the stream; the first one carries the marker bit. */
    public byte[] packet(int index) {
        return RtpPacket.build(PCMU, index == 0, (firstSequence + index) & 0xFFFF,
                (firstTimestamp + (long) index * Tone.SAMPLES_PER_FRAME) & 0xFFFFFFFFL, ssrc, tone.pcmuFrame(index));
    }
}
