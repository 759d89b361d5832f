package org.forkline.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads back Ethernet/IPv4/UDP pcap files (microsecond, either byte order): what a test or SIPp will send. */
public final class PcapReader {

    /**
     * One captured UDP datagram.
     *
     * @param micros          capture time in µs since the epoch
     * @param sourcePort      UDP source port
     * @param destinationPort UDP destination port
     * @param payload         UDP payload (the RTP packet)
     */
    public record Datagram(long micros, int sourcePort, int destinationPort, byte[] payload) {
    }

    private PcapReader() {
    }

    public static List<Datagram> read(Path file) {
        try {
            ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int magic = data.getInt(0);
            if (magic == 0xd4c3b2a1) {
                data.order(ByteOrder.BIG_ENDIAN);
            } else if (magic != 0xa1b2c3d4) {
                throw new IllegalArgumentException(file + " is not a microsecond pcap (magic " + Integer.toHexString(magic) + ")");
            }
            if (data.getInt(20) != 1) {
                throw new IllegalArgumentException(file + " is not an Ethernet capture");
            }
            List<Datagram> datagrams = new ArrayList<>();
            int position = 24;
            while (position + 16 <= data.limit()) {
                long micros = (data.getInt(position) & 0xFFFFFFFFL) * 1_000_000L + (data.getInt(position + 4) & 0xFFFFFFFFL);
                int length = data.getInt(position + 8);
                int frame = position + 16;
                position = frame + length;
                ByteBuffer net = ByteBuffer.wrap(data.array(), frame, length).slice().order(ByteOrder.BIG_ENDIAN);
                if (net.getShort(12) != 0x0800 || net.get(23) != 17) {
                    continue; // not IPv4/UDP
                }
                int udp = 14 + (net.get(14) & 0x0F) * 4;
                int udpLength = net.getShort(udp + 4) & 0xFFFF;
                byte[] payload = Arrays.copyOfRange(data.array(), frame + udp + 8, frame + udp + udpLength);
                datagrams.add(new Datagram(micros, net.getShort(udp) & 0xFFFF, net.getShort(udp + 2) & 0xFFFF, payload));
            }
            return datagrams;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
