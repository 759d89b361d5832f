package org.forkline.rtp.internal;

import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event-loop group and datagram channel type: native epoll where the platform has it, NIO elsewhere.
 *
 * @param description for the log, e.g. "native epoll"
 */
record Transport(EventLoopGroup group, Class<? extends DatagramChannel> channelType, String description) {

    static Transport create(int threads, boolean allowNative, int wakeupIntervalMillis) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("forkline-rtp");
        SelectStrategyFactory wakeups = CoalescingWakeups.factory(TimeUnit.MILLISECONDS.toNanos(wakeupIntervalMillis));
        if (allowNative && Epoll.isAvailable()) {
            return new Transport(new EpollEventLoopGroup(threads, threadFactory, wakeups), EpollDatagramChannel.class,
                    "native epoll");
        }
        String reason = allowNative ? "epoll unavailable: " + Epoll.unavailabilityCause() : "native transport disabled";
        return new Transport(new NioEventLoopGroup(threads, threadFactory, SelectorProvider.provider(), wakeups),
                NioDatagramChannel.class, "Java NIO (" + reason + ")");
    }
}
