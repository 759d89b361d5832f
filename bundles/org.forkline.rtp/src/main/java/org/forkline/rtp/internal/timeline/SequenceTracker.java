package org.forkline.rtp.internal.timeline;

/**
 * Extends 16-bit RTP sequence numbers of one SSRC, spots duplicates in a sliding 64-packet window and counts
 * loss as expected minus received (RFC 3550 appendix A.3).
 */
final class SequenceTracker {

    /** A jump this large is a sender restarting its numbering, not 60 s of lost packets. */
    private static final int MAX_JUMP = 3000;
    private static final int WINDOW = 64;

    private boolean started;
    private long highest;
    private long lowest;
    private long seen;
    private long received;
    private long lostInEarlierRuns;

    /** Records a sequence number; false when it was already seen (a duplicate). */
    boolean accept(int sequenceNumber) {
        if (!started) {
            started = true;
            restartAt(sequenceNumber);
            return true;
        }
        int delta = (short) (sequenceNumber - (int) highest);
        if (delta > MAX_JUMP || delta < -MAX_JUMP) {
            lostInEarlierRuns += runLoss();
            restartAt(highest + delta);
            return true;
        }
        if (delta > 0) {
            seen = delta >= WINDOW ? 1L : (seen << delta) | 1L;
            highest += delta;
        } else {
            int age = -delta;
            if (age < WINDOW) {
                long bit = 1L << age;
                if ((seen & bit) != 0) {
                    return false;
                }
                seen |= bit;
            }
            lowest = Math.min(lowest, highest + delta);
        }
        received++;
        return true;
    }

    /**
     * Goes on after {@code highestSeen}, the last number another receiver of this sender took (a resumed leg): the
     * next number is expected, {@code highestSeen} itself is a duplicate, and nothing counts as lost yet.
     */
    void continueAfter(long highestSeen) {
        started = true;
        highest = highestSeen;
        lowest = highestSeen + 1;
        seen = 1L;
        received = 0;
        lostInEarlierRuns = 0;
    }

    /** Packets missing so far: expected minus received, never negative. */
    long lost() {
        return lostInEarlierRuns + runLoss();
    }

    /** Highest extended sequence number seen. */
    long highest() {
        return highest;
    }

    private long runLoss() {
        return started ? Math.max(0, highest - lowest + 1 - received) : 0;
    }

    private void restartAt(long extended) {
        highest = extended;
        lowest = extended;
        seen = 1L;
        received = 1;
    }
}
