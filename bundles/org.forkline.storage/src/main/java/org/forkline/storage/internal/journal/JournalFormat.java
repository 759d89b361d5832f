package org.forkline.storage.internal.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Layout of a journal file: an 8-byte magic, then records {@code [type u8][length u32][payload][CRC32C u32]},
 * little-endian, the checksum covering type, length and payload.
 */
public final class JournalFormat {

    static final byte[] MAGIC = "FKLNJ001".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 5;
    static final int CRC_BYTES = 4;
    /** A PCM payload starts with the timeline position of its first sample. */
    static final int PCM_POSITION_BYTES = 8;
    /** No writer produces larger records; a larger length means the header is garbage. */
    static final int MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;
    public static final String FILE_SUFFIX = ".journal";

    private JournalFormat() {
    }

    /** Frames one record (header, payload, checksum) in a buffer of its own, ready to write. */
    static ByteBuffer frame(RecordType type, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + payload.length + CRC_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(type.code()).putInt(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.flip();
    }
}
