package org.forkline.itests.support;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link RtpStream} as a pcap file (Ethernet, IPv4, UDP, RTP) for SIPp's {@code play_pcap_audio}. Packet
 * {@code i} is captured at {@code i × 20 ms}: a dropped packet leaves its slot empty, a swapped pair trades slots, a
 * duplicate follows its original 10 ms later; capture times always rise in file order.
 */
public final class RtpPcapWriter {

    /** SIPp sends to the SDP's port plus (this port − the lowest destination port in the file): one stream, offset 0. */
    private static final int DESTINATION_PORT = 50000;
    private static final int SOURCE_PORT = 40000;
    private static final long CAPTURE_START_SECONDS = 1_700_000_000L;

    private RtpPcapWriter() {
    }

    public static PcapFile write(Path file, RtpStream stream) {
        return write(file, stream, Impairments.none());
    }

    public static PcapFile write(Path file, RtpStream stream, Impairments impairments) {
        List<long[]> schedule = schedule(stream, impairments); // {capture time in µs, packet index}
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
                header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                        .putInt(65535).putInt(1);
                out.write(header.array());
                for (long[] entry : schedule) {
                    writeRecord(out, entry[0], frame(stream.packet((int) entry[1])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        int unique = stream.packets() - impairments.droppedCount();
        return new PcapFile(file, stream, impairments, schedule.size(), unique);
    }

    private static List<long[]> schedule(RtpStream stream, Impairments impairments) {
        List<long[]> schedule = new ArrayList<>();
        for (int slot = 0; slot < stream.packets(); slot++) {
            int index = slot;
            if (impairments.swappedWithNext().contains(slot)) {
                index = slot + 1;
            } else if (impairments.swappedWithNext().contains(slot - 1)) {
                index = slot - 1;
            }
            if (impairments.dropped().contains(index)) {
                continue;
            }
            long time = slot * Tone.FRAME_MILLIS * 1000L;
            schedule.add(new long[] {time, index});
            if (impairments.duplicated().contains(index)) {
                schedule.add(new long[] {time + Tone.FRAME_MILLIS * 500L, index});
            }
        }
        return schedule;
    }

    private static void writeRecord(OutputStream out, long micros, byte[] frame) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (CAPTURE_START_SECONDS + micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(frame.length).putInt(frame.length);
        out.write(record.array());
        out.write(frame);
    }

    private static byte[] frame(byte[] rtp) {
        int udpLength = 8 + rtp.length;
        int ipLength = 20 + udpLength;
        ByteBuffer frame = ByteBuffer.allocate(14 + ipLength); // network byte order
        frame.put(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01}).putShort((short) 0x0800);
        int ipStart = frame.position();
        frame.put((byte) 0x45).put((byte) 0xB8).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        frame.putShort(ipStart + 10, ipChecksum(frame.array(), ipStart));
        frame.putShort((short) SOURCE_PORT).putShort((short) DESTINATION_PORT).putShort((short) udpLength)
                .putShort((short) 0);
        frame.put(rtp);
        return frame.array();
    }

    private static short ipChecksum(byte[] data, int start) {
        int sum = 0;
        for (int i = start; i < start + 20; i += 2) {
            sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
