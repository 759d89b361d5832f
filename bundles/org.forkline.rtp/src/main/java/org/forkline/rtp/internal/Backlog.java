package org.forkline.rtp.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Holds the datagrams a handed-over RTP socket delivers before its leg resumes. Re-registering a channel with an
 * event loop lets it read what is pending at once, auto-read or not (epoll reports the readable socket), and
 * without a handler those datagrams would be discarded at the end of the pipeline.
 */
final class Backlog extends ChannelInboundHandlerAdapter {

    static final String NAME = "forkline-backlog";
    /** Twenty seconds of one 20 ms stream: more than any handover window keeps a leg waiting at full rate. */
    private static final int LIMIT = 1000;

    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private long dropped;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (held.size() < LIMIT) {
            held.add(msg);
        } else {
            dropped++;
            ReferenceCountUtil.release(msg);
        }
    }

    /** The datagrams held so far, oldest first; the caller releases them. */
    List<Object> drain() {
        List<Object> out = new ArrayList<>(held);
        held.clear();
        return out;
    }

    long dropped() {
        return dropped;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }
}
