package org.forkline.storage.internal.opus;

/**
 * How each channel is encoded.
 *
 * @param bitratePerChannel bit/s of each mono stream (VBR target)
 * @param complexity        encoder complexity 0 to 10
 * @param gateDbfs          20 ms frames quieter than this are not encoded
 */
public record OpusSettings(int bitratePerChannel, int complexity, double gateDbfs) {

    public static final OpusSettings DEFAULT = new OpusSettings(12000, 0, -45);

    public OpusSettings {
        if (bitratePerChannel < 6000 || bitratePerChannel > 256000) {
            throw new IllegalArgumentException("opus.bitratePerChannel must be between 6000 and 256000, was "
                    + bitratePerChannel);
        }
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("opus.complexity must be between 0 and 10, was " + complexity);
        }
        if (gateDbfs > 0 || Double.isNaN(gateDbfs)) {
            throw new IllegalArgumentException("opus.gateDbfs must be 0 or below, was " + gateDbfs);
        }
    }
}
