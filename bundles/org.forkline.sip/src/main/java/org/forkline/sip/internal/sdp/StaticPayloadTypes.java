package org.forkline.sip.internal.sdp;

import static java.util.Map.entry;

import java.util.Map;

import org.forkline.api.media.PayloadFormat;

/** The static audio payload types of RFC 3551, for payload types an SDP lists without {@code a=rtpmap}. */
final class StaticPayloadTypes {

    static final Map<Integer, PayloadFormat> AUDIO = Map.ofEntries(
            entry(0, new PayloadFormat("PCMU", 8000, null)),
            entry(3, new PayloadFormat("GSM", 8000, null)),
            entry(4, new PayloadFormat("G723", 8000, null)),
            entry(5, new PayloadFormat("DVI4", 8000, null)),
            entry(6, new PayloadFormat("DVI4", 16000, null)),
            entry(7, new PayloadFormat("LPC", 8000, null)),
            entry(8, new PayloadFormat("PCMA", 8000, null)),
            entry(9, new PayloadFormat("G722", 8000, null)),
            entry(10, new PayloadFormat("L16", 44100, null)),
            entry(11, new PayloadFormat("L16", 44100, null)),
            entry(12, new PayloadFormat("QCELP", 8000, null)),
            entry(13, new PayloadFormat("CN", 8000, null)),
            entry(14, new PayloadFormat("MPA", 90000, null)),
            entry(15, new PayloadFormat("G728", 8000, null)),
            entry(16, new PayloadFormat("DVI4", 11025, null)),
            entry(17, new PayloadFormat("DVI4", 22050, null)),
            entry(18, new PayloadFormat("G729", 8000, null)));

    private StaticPayloadTypes() {
    }
}
