package org.forkline.sip.internal.fakes;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.forkline.api.MediaStats;
import org.forkline.api.codec.AudioCodec;
import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaService;
import org.forkline.api.media.MediaStatistics;
import org.forkline.api.media.MediaUnavailableException;
import org.forkline.api.media.RemoteMedia;
import org.forkline.api.storage.PcmSink;

/** Media bundle stand-in: sessions on real loopback ports that record what SIP told them. */
public final class FakeMediaService implements MediaService {

    public final List<FakeMediaSession> sessions = new CopyOnWriteArrayList<>();
    public volatile List<AudioCodec> codecs = List.of(FakeAudioCodec.PCMU, FakeAudioCodec.PCMA,
            FakeAudioCodec.G722, FakeAudioCodec.G729, FakeAudioCodec.OPUS);
    public volatile boolean unavailable;
    public volatile int portsTotal = 2000;
    /** Where sessions bind (the IPv6 test binds them to ::1). */
    public volatile InetAddress bindAddress = InetAddress.getLoopbackAddress();

    @Override
    public FakeMediaSession open(String label, PcmSink sink, MediaListener listener)
            throws MediaUnavailableException {
        if (unavailable) {
            throw new MediaUnavailableException("all RTP ports in use");
        }
        FakeMediaSession session = new FakeMediaSession(label, sink, listener, bindAddress);
        sessions.add(session);
        return session;
    }

    @Override
    public List<AudioCodec> codecs() {
        return codecs;
    }

    @Override
    public MediaStatistics statistics() {
        int open = (int) sessions.stream().filter(s -> !s.isClosed()).count();
        return new MediaStatistics(open, open * 2, portsTotal, MediaStats.EMPTY);
    }

    /** Resumes like the media bundle after a restart: a session for the port the leg had (here a new one). */
    @Override
    public FakeMediaSession resume(String label, PcmSink sink, MediaListener listener, int port, RemoteMedia remote)
            throws MediaUnavailableException {
        FakeMediaSession session = open(label, sink, listener);
        session.resumedPort = port;
        if (remote != null) {
            session.configure(remote);
        }
        return session;
    }

    public FakeMediaSession last() {
        return sessions.get(sessions.size() - 1);
    }
}
