package org.forkline.sip.internal.call;

import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sip.Dialog;
import javax.sip.ServerTransaction;

import org.forkline.api.LegMetadata;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.RemoteMedia;
import org.forkline.api.storage.LegHandle;
import org.forkline.sip.internal.sdp.CodecTable;

/**
 * One forked stream: a SIP dialog with its storage leg and media session. The state only moves forward, by
 * compare-and-set, so that exactly one thread answers the INVITE and exactly one thread ends the leg.
 */
public final class Leg {

    /** Life cycle of the dialog as we see it. */
    public enum State {
        /** INVITE received, no final answer yet; only the INVITE thread touches handle and media. */
        ADMITTING,
        /** Aborted before the final answer (CANCEL, shutdown, media failure); the INVITE thread releases it. */
        ABORTED,
        /** Answered with a non-2xx final response. */
        REJECTED,
        /** 200 OK sent, waiting for the ACK. */
        ANSWERED,
        /** ACK received: the recording runs. */
        CONFIRMED,
        /** Ended; handle and media are being released. */
        ENDED
    }

    private final String key;
    private final String callId;
    private final ServerTransaction invite;
    private final String transport;
    private final String localTag;
    private final long sdpSessionId;
    private final AtomicLong sdpVersion;
    private final AtomicReference<Phase> phase;

    private volatile LegMetadata metadata;
    private volatile LegHandle handle;
    private volatile MediaSession media;
    private volatile CodecTable codecs;
    private volatile Dialog dialog;
    private volatile boolean answerExpectedInAck;
    private volatile int sessionExpiresSeconds;
    private Future<?> sessionTimer;          // guarded by this
    private String negotiated;               // guarded by this: codec and source last told to storage
    private volatile String farEndReason;    // Reason header of the far end's BYE, for the log
    private volatile RemoteMedia remote;     // the far side's description last applied to the media
    private volatile long sessionDeadlineNanos;

    public Leg(String callId, String remoteTag, ServerTransaction invite, String transport) {
        this(callId, remoteTag, invite, transport, Long.toHexString(ThreadLocalRandom.current().nextLong()),
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2), 0, State.ADMITTING);
    }

    /** A leg taken over from the previous activation of the SIP bundle, in the state it had there. */
    Leg(String callId, String remoteTag, ServerTransaction invite, String transport, String localTag,
            long sdpSessionId, long sdpVersion, State state) {
        this.key = LegRegistry.key(callId, remoteTag);
        this.callId = callId;
        this.invite = invite;
        this.transport = transport;
        this.localTag = localTag;
        this.sdpSessionId = sdpSessionId;
        this.sdpVersion = new AtomicLong(sdpVersion);
        this.phase = new AtomicReference<>(new Phase(state, null, state != State.ADMITTING));
    }

    public String key() {
        return key;
    }

    public String callId() {
        return callId;
    }

    public ServerTransaction invite() {
        return invite;
    }

    public String transport() {
        return transport;
    }

    public String localTag() {
        return localTag;
    }

    public long sdpSessionId() {
        return sdpSessionId;
    }

    /** The SDP version last sent. */
    public long sdpVersion() {
        return sdpVersion.get();
    }

    /** The next SDP version of this dialog: every description we send must have a higher one. */
    public long nextSdpVersion() {
        return sdpVersion.incrementAndGet();
    }

    public State state() {
        return phase.get().state();
    }

    /**
     * Aborts an INVITE that is not answered yet; the INVITE thread then releases what it allocated and answers
     * it, unless {@code inviteAnswered} says the aborting thread did (487 after CANCEL).
     */
    public boolean abort(String reason, boolean inviteAnswered) {
        return move(State.ADMITTING, new Phase(State.ABORTED, reason, inviteAnswered));
    }

    /** Why the INVITE was aborted, or null. */
    public String abortReason() {
        return phase.get().abortReason();
    }

    /**
     * Claims the right to send the non-2xx final answer: true while nothing was answered yet, or after an abort
     * that left the answer to the INVITE thread.
     */
    public boolean reject() {
        if (move(State.ADMITTING, new Phase(State.REJECTED, null, true))) {
            return true;
        }
        Phase current = phase.get();
        return current.state() == State.ABORTED && !current.inviteAnswered()
                && phase.compareAndSet(current, new Phase(State.ABORTED, current.abortReason(), true));
    }

    /** Claims the right to send the 200 OK. */
    public boolean answer() {
        return move(State.ADMITTING, new Phase(State.ANSWERED, null, true));
    }

    public boolean confirm() {
        return move(State.ANSWERED, new Phase(State.CONFIRMED, null, true));
    }

    /** Claims the right to end an answered leg; true for exactly one caller. */
    public boolean end() {
        return move(State.ANSWERED, new Phase(State.ENDED, null, true))
                || move(State.CONFIRMED, new Phase(State.ENDED, null, true));
    }

    public boolean isAnswered() {
        State current = state();
        return current == State.ANSWERED || current == State.CONFIRMED;
    }

    private boolean move(State from, Phase to) {
        Phase current = phase.get();
        return current.state() == from && phase.compareAndSet(current, to);
    }

    public LegMetadata metadata() {
        return metadata;
    }

    public void metadata(LegMetadata value) {
        metadata = value;
    }

    public LegHandle handle() {
        return handle;
    }

    public void handle(LegHandle value) {
        handle = value;
    }

    public MediaSession media() {
        return media;
    }

    public void media(MediaSession value) {
        media = value;
    }

    public CodecTable codecs() {
        return codecs;
    }

    public void codecs(CodecTable value) {
        codecs = value;
    }

    public Dialog dialog() {
        return dialog;
    }

    public void dialog(Dialog value) {
        dialog = value;
    }

    public boolean answerExpectedInAck() {
        return answerExpectedInAck;
    }

    public void answerExpectedInAck(boolean value) {
        answerExpectedInAck = value;
    }

    /** Granted session interval in seconds, 0 when no session timer runs. */
    public int sessionExpiresSeconds() {
        return sessionExpiresSeconds;
    }

    /** Replaces the running session timer (null: none). */
    public void sessionTimer(int seconds, Future<?> timer) {
        sessionTimer(seconds, timer, 0);
    }

    /**
     * Replaces the running session timer (null: none).
     *
     * @param deadlineNanos when it fires, on the {@link System#nanoTime()} scale
     */
    public synchronized void sessionTimer(int seconds, Future<?> timer, long deadlineNanos) {
        if (sessionTimer != null) {
            sessionTimer.cancel(false);
        }
        sessionExpiresSeconds = seconds;
        sessionTimer = timer;
        sessionDeadlineNanos = deadlineNanos;
    }

    /** When the session timer fires, on the {@link System#nanoTime()} scale; meaningless without a timer. */
    public long sessionDeadlineNanos() {
        return sessionDeadlineNanos;
    }

    /** The far side's media description last applied, or null before the answer. */
    public RemoteMedia remote() {
        return remote;
    }

    public void remote(RemoteMedia value) {
        remote = value;
    }

    /**
     * Remembers what storage was told about the media.
     *
     * @return true when codec or source changed since the last call
     */
    public synchronized boolean negotiated(String codec, String remoteAddress) {
        String value = codec + "@" + remoteAddress;
        if (value.equals(negotiated)) {
            return false;
        }
        negotiated = value;
        return true;
    }

    /** Takes over what the previous activation told storage, so an unchanged answer is not reported again. */
    synchronized void restoreNegotiated(String value) {
        negotiated = value;
    }

    /** Codec and media source as last negotiated ({@code PCMU@10.0.0.5:20000}), null before the answer. */
    public synchronized String negotiated() {
        return negotiated;
    }

    /** The Reason header of the far end's BYE (e.g. {@code Q.850;cause=16}), null when none came. */
    public String farEndReason() {
        return farEndReason;
    }

    public void farEndReason(String value) {
        farEndReason = value;
    }

    /** State, abort reason and whether the INVITE got its final answer, changed together. */
    private record Phase(State state, String abortReason, boolean inviteAnswered) {
    }

    /** For log lines: which call, which stream, which recorded number. */
    @Override
    public String toString() {
        LegMetadata current = metadata;
        if (current == null) {
            return "Call-ID " + callId;
        }
        return "Call-ID " + callId + " (" + current.direction() + " leg of " + current.near().number()
                + (current.refci() != null ? ", refci " + current.refci() : "") + ")";
    }
}
