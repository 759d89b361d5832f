package org.forkline.rtp.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;

import org.forkline.api.handover.Handover;
import org.forkline.rtp.internal.timeline.Continuation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTP and RTCP sockets of legs handed over from the previous activation, kept per RTP port until the resumed
 * leg asks for them; registered with this activation's loops but not read, so their datagrams wait in the kernel.
 */
final class ParkedPorts {

    /** Parcel key in the Handover service. */
    static final String KEY = "org.forkline.rtp";
    /** Parcel entry: Map&lt;Integer, List&lt;Channel&gt;&gt;, RTP port to its RTP and RTCP channel. */
    static final String PORTS = "ports";
    /** Parcel entry: Map&lt;Integer, long[]&gt;, RTP port to its leg's {@link Continuation#encode timeline}. */
    static final String CONTINUATIONS = "continuations";

    /** One leg's handed-over sockets and where its timeline stood (null: the leg starts a new timeline). */
    record Parked(List<Channel> channels, Continuation continuation) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ParkedPorts.class);
    private static final long REGISTER_WAIT_SECONDS = 5;
    /** Resolved when this class is initialised, while its class loader still works; see {@link #closeAll}. */
    @SuppressWarnings("unused")
    private static final Class<?>[] LINKED = {Channel.Unsafe.class, ChannelPromise.class};

    private final PortPool pool;
    private final Map<Integer, Parked> waiting = new ConcurrentHashMap<>();

    ParkedPorts(PortPool pool) {
        this.pool = pool;
    }

    /**
     * Claims what the previous activation parked and registers each port's two channels with one of
     * {@code loops}, without reading; their ports count as in use.
     *
     * @return the number of port pairs taken over
     */
    int claim(Handover handover, Supplier<EventLoop> loops) {
        Optional<Map<String, Object>> parcel = handover.claim(KEY);
        if (parcel.isEmpty()) {
            return 0;
        }
        if (!(parcel.get().get(PORTS) instanceof Map<?, ?> ports)) {
            LOG.warn("RTP capture: the handed-over parcel {} holds no ports; ignoring it", parcel.get().keySet());
            return 0;
        }
        Map<?, ?> continuations = parcel.get().get(CONTINUATIONS) instanceof Map<?, ?> map ? map : Map.of();
        // Register every pair first and wait once: a loop may take a few ms to pick up each registration.
        Map<Integer, List<ChannelFuture>> registering = new HashMap<>();
        for (Map.Entry<?, ?> entry : ports.entrySet()) {
            if (entry.getKey() instanceof Integer port && entry.getValue() instanceof List<?> pair && pair.size() == 2
                    && pair.get(0) instanceof Channel rtp && pair.get(1) instanceof Channel rtcp) {
                EventLoop loop = loops.get();
                ChannelPromise rtpOn = new DefaultChannelPromise(rtp, loop);
                // Registered from a task of its new loop, which registers at once, so that the Backlog is in place
                // before the loop first polls the socket: a handed-over channel may still ask for reads, and
                // whatever it read with no handler would be discarded. (Its pipeline cannot be changed before the
                // registration: a deregistered channel still refers to the loop it left, which has terminated.)
                loop.execute(() -> {
                    loop.register(rtpOn);
                    if (rtpOn.isSuccess()) {
                        if (rtp.pipeline().get(Backlog.NAME) != null) {
                            rtp.pipeline().remove(Backlog.NAME);   // of an activation that never resumed the leg
                        }
                        rtp.pipeline().addLast(Backlog.NAME, new Backlog());
                    }
                });
                registering.put(port, List.of(rtpOn, loop.register(rtcp)));
            } else {
                LOG.warn("RTP capture: ignoring a handed-over entry of unexpected types: {}", entry);
            }
        }
        registering.forEach((port, pair) -> {
            ChannelFuture rtpOn = pair.get(0);
            ChannelFuture rtcpOn = pair.get(1);
            if (rtpOn.awaitUninterruptibly(REGISTER_WAIT_SECONDS, TimeUnit.SECONDS) && rtpOn.isSuccess()
                    && rtcpOn.awaitUninterruptibly(REGISTER_WAIT_SECONDS, TimeUnit.SECONDS) && rtcpOn.isSuccess()) {
                pool.reserve(port);
                Continuation continuation = Continuation.decode(continuations.get(port)).orElse(null);
                if (continuation == null && continuations.get(port) != null) {
                    LOG.warn("RTP capture: the timeline handed over for port {} has an unknown format; its leg goes "
                            + "on with a new timeline anchored at its next packet", port);
                }
                waiting.put(port, new Parked(List.of(rtpOn.channel(), rtcpOn.channel()), continuation));
            } else {
                LOG.warn("RTP capture: handed-over port {} could not be taken over ({}); its leg loses the audio "
                        + "sent until it resumes", port, rtpOn.isSuccess() ? rtcpOn.cause() : rtpOn.cause());
                close(rtpOn.channel());
                close(rtcpOn.channel());
            }
        });
        return waiting.size();
    }

    /** The RTP and RTCP channel handed over for {@code port}, taken from the waiting ones; null if none. */
    Parked take(int port) {
        return waiting.remove(port);
    }

    /** Closes the channels that no resumed leg asked for and releases their ports; returns how many pairs. */
    int closeWaiting() {
        int count = 0;
        for (Integer port : List.copyOf(waiting.keySet())) {
            Parked pair = waiting.remove(port);
            if (pair != null) {
                pair.channels().forEach(ParkedPorts::close);
                pool.release(port);
                count++;
            }
        }
        return count;
    }

    /**
     * Takes the channels still waiting off their loop again, to hand them over once more to the next activation.
     */
    Map<Integer, Parked> deregisterWaiting() {
        Map<Integer, List<ChannelFuture>> deregistering = new HashMap<>();
        Map<Integer, Continuation> continuations = new HashMap<>();
        for (Integer port : List.copyOf(waiting.keySet())) {
            Parked pair = waiting.remove(port);
            if (pair != null) {
                List<Channel> channels = pair.channels();
                deregistering.put(port, List.of(channels.get(0).deregister(), channels.get(1).deregister()));
                if (pair.continuation() != null) {
                    continuations.put(port, pair.continuation());
                }
            }
        }
        Map<Integer, Parked> out = new HashMap<>();
        deregistering.forEach((port, off) -> {
            List<Channel> pair = List.of(off.get(0).channel(), off.get(1).channel());
            if (off.stream().allMatch(f -> f.awaitUninterruptibly(REGISTER_WAIT_SECONDS, TimeUnit.SECONDS)
                    && f.isSuccess())) {
                out.put(port, new Parked(pair, continuations.get(port)));
            } else {
                pair.forEach(ParkedPorts::close);
            }
        });
        return out;
    }

    /** The parcel for the next activation: JDK and Netty types only, as it has another class loader. */
    static Map<String, Object> parcel(Map<Integer, List<Channel>> channels, Map<Integer, Parked> handed) {
        Map<Integer, long[]> continuations = new HashMap<>();
        handed.forEach((port, parked) -> {
            if (parked.continuation() != null) {
                continuations.put(port, parked.continuation().encode());
            }
        });
        return Map.of(PORTS, channels, CONTINUATIONS, continuations);
    }

    /**
     * The expiry of a parcel: closes every parked channel. It may run after this bundle revision was refreshed away,
     * when its class loader can no longer load a class: so no lambdas here, and the Netty types used are linked
     * beforehand ({@link #LINKED}).
     */
    static void closeAll(Map<Integer, List<Channel>> ports) {
        for (List<Channel> pair : ports.values()) {
            for (Channel channel : pair) {
                close(channel);
            }
        }
    }

    /**
     * Closes a channel whether or not it is registered: a parked one belongs to no loop, and the loop it last
     * belonged to is gone, so the ordinary close() would be rejected and leave the socket open.
     */
    static void close(Channel channel) {
        if (channel.isRegistered()) {
            channel.close();
        } else {
            channel.unsafe().close(channel.voidPromise());
        }
    }
}
