package org.forkline.sip.internal.call;

import org.forkline.api.media.MediaListener;
import org.forkline.api.media.MediaSession;
import org.forkline.api.media.MediaUnavailableException;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.StorageUnavailableException;
import org.forkline.sip.internal.call.ParkedCalls.ParkedLeg;
import org.forkline.sip.internal.sdp.CodecTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the legs that the previous activation parked: each goes on in the same dialog with its timers. When
 * the media or storage bundle was restarted too, its storage leg and its media session are resumed on the same
 * journal and the same RTP port, which CUCM keeps sending to.
 */
final class LegTakeover {

    private static final Logger LOG = LoggerFactory.getLogger(LegTakeover.class);

    private final CallContext context;
    private final MediaListener mediaListener;

    LegTakeover(CallContext context, MediaListener mediaListener) {
        this.context = context;
        this.mediaListener = mediaListener;
    }

    void takeOver(ParkedCalls parked) {
        CallServices services = context.services();
        boolean resume = parked.mediaReplaced(services) || parked.storageReplaced(services);
        int taken = 0;
        int failed = 0;
        for (ParkedLeg entry : parked.legs()) {
            Leg leg = entry.leg();
            leg.codecs(CodecTable.of(services.media().codecs()));
            context.registry().track(leg);
            context.registry().admit(leg, leg.metadata().pairKey(), Integer.MAX_VALUE, true);
            if (resume ? resume(leg, entry) : keep(leg, entry)) {
                if (entry.sessionExpires() > 0) {
                    context.timers().arm(leg, entry.sessionExpires(), entry.sessionDeadlineNanos() - System.nanoTime());
                }
                if (leg.state() == Leg.State.ANSWERED) {
                    context.timers().watchAck(leg);
                }
                taken++;
            } else {
                failed++;
            }
        }
        LOG.info("SIP handover: took over {} legs{}{}", taken, resume ? ", their storage legs and RTP ports resumed "
                + "(the media or storage bundle restarted as well)" : "", failed > 0 ? "; " + failed
                + " could not go on and were ended" : "");
    }

    private static boolean keep(Leg leg, ParkedLeg entry) {
        leg.handle(entry.handle());
        leg.media(entry.media());
        return true;
    }

    private boolean resume(Leg leg, ParkedLeg entry) {
        CallServices services = context.services();
        try {
            LegHandle handle = services.recordings().resumeLeg(entry.handle().legId());
            leg.handle(handle);
            MediaSession media = services.media().resume(InviteHandler.mediaLabel(handle, leg), handle.sink(),
                    mediaListener, entry.port(), entry.remote());
            leg.media(media);
            return true;
        } catch (StorageUnavailableException | MediaUnavailableException | RuntimeException e) {
            LOG.error("SIP handover: {} cannot go on after the restart ({}); ending it with BYE", leg, e.toString());
            context.terminator().end(leg, "ERROR", 500, "recorder restart failed");
            return false;
        }
    }
}
