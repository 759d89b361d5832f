package org.forkline.sip.internal.fakes;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.forkline.api.MediaStats;
import org.forkline.api.media.MediaEndCause;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.RemoteMedia;
import org.forkline.api.storage.PcmSink;

/** A media session holding a real loopback UDP port, recording configure and close calls. */
public final class FakeMediaSession implements MediaSession {

    public static final MediaStats FINAL_STATS = new MediaStats(1500, 3, 0, 0, 0, 0, 4, 0, 0);

    public final String label;
    public final PcmSink sink;
    public final MediaListener listener;
    public final List<RemoteMedia> configured = new CopyOnWriteArrayList<>();
    public final AtomicInteger closeCalls = new AtomicInteger();
    /** The port asked for by {@code resume}, 0 for a session that was opened. */
    public volatile int resumedPort;
    private final DatagramSocket socket;
    private final CompletableFuture<MediaStats> closed = new CompletableFuture<>();

    FakeMediaSession(String label, PcmSink sink, MediaListener listener, InetAddress bindAddress) {
        this.label = label;
        this.sink = sink;
        this.listener = listener;
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(bindAddress, 0));
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void configure(RemoteMedia remote) {
        configured.add(remote);
    }

    @Override
    public MediaStats stats() {
        return FINAL_STATS;
    }

    @Override
    public CompletionStage<MediaStats> close() {
        closeCalls.incrementAndGet();
        socket.close();
        closed.complete(FINAL_STATS);
        return closed;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** What the media bundle does when RTP stops: the session closes itself, then tells the listener. */
    public void endByItself(MediaEndCause cause) {
        socket.close();
        closed.complete(FINAL_STATS);
        listener.mediaEnded(this, cause);
    }

    public RemoteMedia lastConfigured() {
        return configured.get(configured.size() - 1);
    }
}
