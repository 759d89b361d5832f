package org.forkline.rtp.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.forkline.api.MediaStats;
import org.forkline.api.media.MediaDirection;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.PayloadFormat;
import org.forkline.api.media.RemoteMedia;
import org.forkline.rtp.internal.codec.PcmuCodec;
import org.forkline.rtp.internal.testing.NoopSink;
import org.forkline.rtp.internal.testing.RtpBuilder;
import org.forkline.rtp.internal.testing.TestConfig;

/**
 * Standalone benchmark (not a test): N legs of G.711 at the real call rate (one 20 ms packet per leg every 20 ms)
 * from one sender thread over loopback, into sessions with a no-op sink. Prints receive rate, loss and CPU.
 * Run: {@code java -cp <test-classpath> org.forkline.rtp.internal.RtpReceiveBenchmark <sessions> [seconds] [nio]}.
 */
public final class RtpReceiveBenchmark {

    private static final int WARM_UP_SECONDS = 5;

    private RtpReceiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        boolean nativeTransport = args.length <= 2 || !"nio".equals(args[2]);
        RtpMediaService service = new RtpMediaService(RtpSettings.from(TestConfig.defaults().ports(30000, 39999)),
                nativeTransport);
        service.addCodec(new PcmuCodec());
        List<MediaSession> legs = new ArrayList<>();
        Map<Integer, PayloadFormat> formats = Map.of(0, new PayloadFormat("PCMU", 8000, null),
                101, new PayloadFormat("telephone-event", 8000, "0-15"));
        for (int i = 0; i < sessions; i++) {
            MediaSession leg = service.open("bench-" + i, new NoopSink(), (s, cause) -> { });
            leg.configure(new RemoteMedia(InetAddress.getLoopbackAddress(), 40000, formats, MediaDirection.SENDONLY));
            legs.add(leg);
        }
        Sender sender = new Sender(legs);
        Thread senderThread = new Thread(sender, "rtp-bench-sender");
        senderThread.start();

        TimeUnit.SECONDS.sleep(WARM_UP_SECONDS);
        Snapshot start = Snapshot.take(service, sender, senderThread);
        TimeUnit.SECONDS.sleep(seconds);
        Snapshot end = Snapshot.take(service, sender, senderThread);
        sender.stop = true;
        senderThread.join();
        TimeUnit.MILLISECONDS.sleep(500);
        long notReceived = sender.sent - service.statistics().totals().packetsReceived();

        double wall = (end.wallNanos - start.wallNanos) / 1e9;
        long sent = end.sent - start.sent;
        long received = end.totals.packetsReceived() - start.totals.packetsReceived();
        double loopCpu = (end.loopCpuNanos - start.loopCpuNanos) / 1e9;
        System.out.printf("sessions=%d  seconds=%.1f  transport=%s  loop threads=%d%n", sessions, wall,
                service.transportDescription(), end.loopThreads);
        System.out.printf("sent %.0f pkt/s, received %.0f pkt/s; whole run: %d sent, %d not received; "
                + "RTP lost %d, late %d, malformed %d%n", sent / wall, received / wall, sender.sent, notReceived,
                end.totals.packetsLost() - start.totals.packetsLost(),
                end.totals.packetsLate() - start.totals.packetsLate(),
                end.totals.packetsMalformed() - start.totals.packetsMalformed());
        System.out.printf("CPU s per wall s: process %.3f, event loops %.3f, sender thread %.3f%n",
                (end.processCpuNanos - start.processCpuNanos) / 1e9 / wall, loopCpu / wall,
                (end.senderCpuNanos - start.senderCpuNanos) / 1e9 / wall);
        System.out.printf("event-loop CPU per received packet: %.2f us; GC: %d collections, %d ms%n",
                loopCpu * 1e6 / Math.max(1, received), end.gcCount - start.gcCount, end.gcMillis - start.gcMillis);
        for (MediaSession leg : legs) {
            leg.close();
        }
        service.deactivate();
    }

    /** Sends one PCMU packet to every leg each 20 ms, paced by the monotonic clock. */
    private static final class Sender implements Runnable {

        private final List<InetSocketAddress> targets = new ArrayList<>();
        private volatile boolean stop;
        private volatile long sent;

        Sender(List<MediaSession> legs) {
            legs.forEach(leg -> targets.add(leg.localAddress()));
        }

        @Override
        public void run() {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                List<DatagramPacket> packets = new ArrayList<>();
                for (int i = 0; i < targets.size(); i++) {
                    byte[] bytes = RtpBuilder.rtp().payloadType(0).ssrc(0x5000 + i).payload(0x80 + i % 100, 160).build();
                    packets.add(new DatagramPacket(bytes, bytes.length, targets.get(i)));
                }
                long next = System.nanoTime();
                int seq = 0;
                long count = 0;
                while (!stop) {
                    for (DatagramPacket packet : packets) {
                        byte[] bytes = packet.getData();
                        bytes[2] = (byte) (seq >> 8);
                        bytes[3] = (byte) seq;
                        int ts = seq * 160;
                        bytes[4] = (byte) (ts >> 24);
                        bytes[5] = (byte) (ts >> 16);
                        bytes[6] = (byte) (ts >> 8);
                        bytes[7] = (byte) ts;
                        socket.send(packet);
                        count++;
                    }
                    sent = count;
                    seq++;
                    next += 20_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private record Snapshot(long wallNanos, long sent, MediaStats totals, long processCpuNanos, long loopCpuNanos,
            int loopThreads, long senderCpuNanos, long gcCount, long gcMillis) {

        static Snapshot take(RtpMediaService service, Sender sender, Thread senderThread) {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long loopCpu = 0;
            int loopThreads = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("forkline-rtp")) {
                    loopCpu += threads.getThreadCpuTime(info.getThreadId());
                    loopThreads++;
                }
            }
            long gcCount = 0;
            long gcMillis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcCount += gc.getCollectionCount();
                gcMillis += gc.getCollectionTime();
            }
            return new Snapshot(System.nanoTime(), sender.sent, service.statistics().totals(), os.getProcessCpuTime(),
                    loopCpu, loopThreads, threads.getThreadCpuTime(senderThread.getId()), gcCount, gcMillis);
        }
    }
}
