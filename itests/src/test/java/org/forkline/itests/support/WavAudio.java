package org.forkline.itests.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A 16-bit PCM WAV (RIFF) file split into channels. Accepts the streamed form too (data size 0 or 0xFFFFFFFF, as
 * ffmpeg writes to a pipe): the data then runs to the end.
 */
public final class WavAudio {

    private final int sampleRate;
    private final short[][] channels;

    private WavAudio(int sampleRate, short[][] channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    public static WavAudio parse(byte[] bytes) {
        ByteBuffer wav = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
            throw new AssertionError("not a RIFF/WAVE file (" + bytes.length + " bytes)");
        }
        int position = 12;
        int format = -1;
        int channelCount = 0;
        int rate = 0;
        int bits = 0;
        while (position + 8 <= bytes.length) {
            String id = new String(bytes, position, 4, StandardCharsets.US_ASCII);
            long size = wav.getInt(position + 4) & 0xFFFFFFFFL;
            int body = position + 8;
            if (id.equals("fmt ")) {
                format = wav.getShort(body) & 0xFFFF;
                channelCount = wav.getShort(body + 2);
                rate = wav.getInt(body + 4);
                bits = wav.getShort(body + 14);
                if (format == 0xFFFE && size >= 26) {
                    format = wav.getShort(body + 24) & 0xFFFF; // WAVE_FORMAT_EXTENSIBLE: sub-format GUID
                }
            } else if (id.equals("data")) {
                if (format != 1 || bits != 16 || channelCount < 1) {
                    throw new AssertionError("WAV is not 16-bit PCM: format " + format + ", " + bits + " bits, "
                            + channelCount + " channels");
                }
                long available = bytes.length - body;
                long length = size == 0 || size == 0xFFFFFFFFL || size > available ? available : size;
                return new WavAudio(rate, split(wav, body, (int) length, channelCount));
            }
            position = body + (int) size + (int) (size & 1);
        }
        throw new AssertionError("WAV without fmt/data chunks");
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channelCount() {
        return channels.length;
    }

    /** Samples of channel {@code index} (0 = left = near end). */
    public short[] channel(int index) {
        return channels[index];
    }

    public int frames() {
        return channels[0].length;
    }

    public long durationMillis() {
        return frames() * 1000L / sampleRate;
    }

    private static short[][] split(ByteBuffer wav, int start, int length, int channelCount) {
        int frames = length / (2 * channelCount);
        short[][] channels = new short[channelCount][frames];
        for (int frame = 0; frame < frames; frame++) {
            for (int channel = 0; channel < channelCount; channel++) {
                channels[channel][frame] = wav.getShort(start + (frame * channelCount + channel) * 2);
            }
        }
        return channels;
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII).equals(text);
    }
}
