package org.forkline.rtp.internal.timeline;

/** Working arrays for decoding, shared by all legs of one event-loop thread (never by two threads). */
public final class Scratch {

    final byte[] payload = new byte[2048];
    final short[] decoded = new short[LegReceiver.MAX_PACKET_SAMPLES];
    final short[] resampled = new short[2 * LegReceiver.MAX_PACKET_SAMPLES];
}
