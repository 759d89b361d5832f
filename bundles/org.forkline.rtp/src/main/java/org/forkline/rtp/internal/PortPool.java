package org.forkline.rtp.internal;

import java.util.BitSet;

/**
 * Even RTP ports of the configured range (RTCP on the odd port above), handed out in rotation so a port just
 * released is not reused at once and late packets of an old call never reach a new one.
 */
final class PortPool {

    private final BitSet inUse = new BitSet(65536);
    private int portMin;
    private int portMax;
    private int first;
    private int last;
    private int cursor;

    PortPool(int portMin, int portMax) {
        configure(portMin, portMax);
    }

    /** Changes the range for later allocations; ports in use stay valid until released. */
    synchronized void configure(int newMin, int newMax) {
        portMin = newMin;
        portMax = newMax;
        first = RtpSettings.firstRtpPort(newMin);
        last = (newMax - 1) & ~1;
        if (cursor < first || cursor > last) {
            cursor = last;
        }
    }

    /** Reserves the next free RTP port after the previous one handed out, or returns -1 when none is free. */
    synchronized int acquire() {
        for (int tried = 0, pairs = pairs(); tried < pairs; tried++) {
            cursor = cursor + 2 > last ? first : cursor + 2;
            if (!inUse.get(cursor)) {
                inUse.set(cursor);
                return cursor;
            }
        }
        return -1;
    }

    /** Reserves a given RTP port (a resumed leg's); false when it is in use, odd or outside the range. */
    synchronized boolean acquire(int rtpPort) {
        if (!inRange(rtpPort) || inUse.get(rtpPort)) {
            return false;
        }
        inUse.set(rtpPort);
        return true;
    }

    /** Marks a port as held whatever the range: its sockets were handed over by the previous activation. */
    synchronized void reserve(int rtpPort) {
        inUse.set(rtpPort);
    }

    /** True for an even port of the range, the RTCP port above it included in the range too. */
    synchronized boolean inRange(int rtpPort) {
        return rtpPort >= first && rtpPort <= last && (rtpPort & 1) == 0;
    }

    synchronized void release(int rtpPort) {
        inUse.clear(rtpPort);
    }

    /** Number of RTP/RTCP port pairs in the range. */
    synchronized int pairs() {
        return (last - first) / 2 + 1;
    }

    /** UDP ports bound now, RTP and RTCP. */
    synchronized int portsInUse() {
        return 2 * inUse.cardinality();
    }

    /** UDP ports in the range usable for RTP and RTCP. */
    synchronized int portsTotal() {
        return 2 * pairs();
    }

    synchronized String range() {
        return portMin + "-" + portMax;
    }
}
