package org.forkline.storage.internal.opus;

/** The Ogg page checksum: CRC-32 with polynomial 0x04C11DB7, not reflected, initial value 0, no final xor. */
final class OggCrc {

    private static final int[] TABLE = table();

    private OggCrc() {
    }

    static int update(int crc, byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
        }
        return crc;
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
