package org.forkline.itests.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free ports on the loopback interface, chosen at run time. A port is handed out once per JVM, so two nodes (or a
 * node and a SIPp process) that are configured before either binds can never get the same one.
 */
public final class FreePorts {

    /** RTP ranges are taken below the kernel's ephemeral range (32768+), where no client socket lands by chance. */
    private static final int RTP_AREA_START = 20000;
    private static final int RTP_AREA_END = 32600;
    /**
     * The ports a node listens on (SIP, HTTP, SSH, cluster) too: a port picked in the ephemeral range is free when it
     * is picked, but a client socket of the busy test JVM may take it before the node binds it.
     */
    private static final int SERVICE_AREA_START = 10000;
    private static final int SERVICE_AREA_END = 19999;

    // JVM-wide on purpose: nodes of different test classes run in the same JVM and must not share ports.
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger NEXT_RTP_BLOCK = new AtomicInteger();
    private static final AtomicInteger NEXT_SERVICE_PORT = new AtomicInteger();

    private FreePorts() {
    }

    /** A port for a node to listen on, free for TCP and UDP, below the ephemeral range. */
    public static int service() {
        return serviceWithCompanion(0);
    }

    /**
     * A service port whose companion {@code port + offset} is free too and handed out with it (the cluster port and
     * JGroups' failure-detection port above it).
     */
    public static int serviceWithCompanion(int offset) {
        int size = SERVICE_AREA_END - offset - SERVICE_AREA_START + 1;
        for (int attempt = 0; attempt < size; attempt++) {
            int port = SERVICE_AREA_START + Math.floorMod(NEXT_SERVICE_PORT.getAndIncrement(), size);
            if (serviceFree(port) && (offset == 0 || serviceFree(port + offset)) && HANDED_OUT.add(port)) {
                if (offset == 0 || HANDED_OUT.add(port + offset)) {
                    return port;
                }
                HANDED_OUT.remove(port);
            }
        }
        throw new IllegalStateException("no port free for TCP and UDP between " + SERVICE_AREA_START + " and "
                + SERVICE_AREA_END);
    }

    private static boolean serviceFree(int port) {
        return !HANDED_OUT.contains(port) && tcpFree(port) && udpFree(port);
    }

    /** A free UDP port. */
    public static int udp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot bind a UDP port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no free UDP port on 127.0.0.1");
    }

    /** An even UDP port whose three successors are free too (an RTP/RTCP pair, as SIPp's media port wants). */
    public static int udpEvenBlock() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = udp();
            if (port % 2 == 0 && port + 3 <= 65535 && blockFree(port + 1, 3)) {
                for (int next = port + 1; next <= port + 3; next++) {
                    HANDED_OUT.add(next);
                }
                return port;
            }
        }
        throw new IllegalStateException("no even UDP port with three free successors on 127.0.0.1");
    }

    /**
     * A block of {@code size} consecutive free UDP ports starting at an even port.
     *
     * @return {first, last}
     */
    public static int[] rtpRange(int size) {
        int blockSize = size + (size % 2);
        int blocks = (RTP_AREA_END - RTP_AREA_START) / blockSize;
        for (int attempt = 0; attempt < blocks; attempt++) {
            int first = RTP_AREA_START + Math.floorMod(NEXT_RTP_BLOCK.getAndIncrement(), blocks) * blockSize;
            if (blockFree(first, size)) {
                for (int port = first; port < first + size; port++) {
                    HANDED_OUT.add(port);
                }
                return new int[] {first, first + size - 1};
            }
        }
        throw new IllegalStateException("no block of " + size + " free UDP ports between " + RTP_AREA_START + " and "
                + RTP_AREA_END);
    }

    private static boolean blockFree(int first, int size) {
        for (int port = first; port < first + size; port++) {
            if (HANDED_OUT.contains(port) || !udpFree(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
