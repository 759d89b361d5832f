package org.forkline.storage.internal.opus;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The identification header of an Ogg Opus stream (RFC 7845 section 5.1) as Forkline writes it: two channels in two
 * uncoupled mono streams, mapping family 1, channel map [0, 1].
 */
public record OpusHead(int channels, int preSkip, int inputSampleRate, int mappingFamily, int streams, int coupled) {

    private static final byte[] HEAD_MAGIC = "OpusHead".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAGS_MAGIC = "OpusTags".getBytes(StandardCharsets.US_ASCII);

    static OpusHead twoMonoStreams(int preSkip, int inputSampleRate) {
        return new OpusHead(2, preSkip, inputSampleRate, 1, 2, 0);
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(21 + channels).order(ByteOrder.LITTLE_ENDIAN);
        b.put(HEAD_MAGIC).put((byte) 1).put((byte) channels).putShort((short) preSkip).putInt(inputSampleRate)
                .putShort((short) 0).put((byte) mappingFamily).put((byte) streams).put((byte) coupled);
        for (int channel = 0; channel < channels; channel++) {
            b.put((byte) channel);
        }
        return b.array();
    }

    /** Parses an identification header packet. */
    public static OpusHead parse(byte[] packet, int length) {
        ByteBuffer b = ByteBuffer.wrap(packet, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[HEAD_MAGIC.length];
        if (length < 19) {
            throw new IllegalArgumentException("OpusHead packet of " + length + " bytes is too short");
        }
        b.get(magic);
        if (!java.util.Arrays.equals(magic, HEAD_MAGIC)) {
            throw new IllegalArgumentException("first packet is not an OpusHead");
        }
        b.get();
        int channels = b.get() & 0xFF;
        int preSkip = b.getShort() & 0xFFFF;
        int rate = b.getInt();
        b.getShort();
        int family = b.get() & 0xFF;
        int streams = 1;
        int coupled = channels == 2 ? 1 : 0;
        if (family != 0 && length >= 21) {
            streams = b.get() & 0xFF;
            coupled = b.get() & 0xFF;
        }
        return new OpusHead(channels, preSkip, rate, family, streams, coupled);
    }

    /** The comment header packet (RFC 7845 section 5.2). */
    static byte[] tags(String vendor, List<String> comments) {
        byte[] vendorBytes = vendor.getBytes(StandardCharsets.UTF_8);
        int size = TAGS_MAGIC.length + 4 + vendorBytes.length + 4;
        List<byte[]> encoded = comments.stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toList();
        for (byte[] comment : encoded) {
            size += 4 + comment.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(TAGS_MAGIC).putInt(vendorBytes.length).put(vendorBytes).putInt(encoded.size());
        for (byte[] comment : encoded) {
            b.putInt(comment.length).put(comment);
        }
        return b.array();
    }
}
