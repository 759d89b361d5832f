package org.forkline.itests.support;

import java.nio.file.Path;

/**
 * A pcap written by {@link RtpPcapWriter} and what is in it.
 *
 * @param path            the file
 * @param stream          the stream it carries
 * @param impairments     the damage applied
 * @param packetsInFile   packets written (unique packets plus duplicates)
 * @param uniquePackets   distinct sequence numbers written (stream packets minus dropped ones)
 */
public record PcapFile(Path path, RtpStream stream, Impairments impairments, int packetsInFile, int uniquePackets) {

    /** Duration of the audio the stream carries (packets × 20 ms), which is also the time span the file plays. */
    public long durationMillis() {
        return stream.durationMillis();
    }
}
