package org.forkline.rtp.internal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** A UDP sender on a loopback address, standing in for a phone or gateway. */
public final class UdpPhone implements AutoCloseable {

    private final DatagramSocket socket;

    public UdpPhone(String loopbackAddress) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(loopbackAddress), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(byte[] packet, SocketAddress target) {
        try {
            socket.send(new DatagramPacket(packet, packet.length, target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetAddress address() {
        return socket.getLocalAddress();
    }

    @Override
    public void close() {
        socket.close();
    }

    /** True when both ports can be bound on 127.0.0.1 right now, i.e. nobody holds them. */
    public static boolean canBind(int... ports) {
        for (int port : ports) {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                probe.getLocalPort();
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
