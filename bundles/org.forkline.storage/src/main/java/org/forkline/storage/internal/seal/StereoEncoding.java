package org.forkline.storage.internal.seal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.forkline.storage.internal.opus.OpusSettings;
import org.forkline.storage.internal.opus.StereoOpusWriter;

/** Encodes two PCM sources, frame by frame, into one synced stereo Ogg Opus file: shared by sealing and merging. */
final class StereoEncoding {

    /**
     * What was written.
     *
     * @param durationSamples the longer channel's length in samples
     */
    record Result(long durationSamples, long size, String sha256, long frames, long leftFramesEncoded,
            long rightFramesEncoded) {
    }

    private StereoEncoding() {
    }

    /** @throws CancellationException when {@code stopping} turns true between two frames */
    static Result encode(UUID id, int rate, PcmSource left, PcmSource right, OpusSettings settings, List<String> tags,
            Path target, BooleanSupplier stopping) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            DigestingFileSink sink = new DigestingFileSink(channel);
            StereoOpusWriter writer = new StereoOpusWriter(rate, settings, sink,
                    (int) (id.getMostSignificantBits() ^ id.getLeastSignificantBits()), tags);
            short[] leftPcm = new short[writer.frameSamples()];
            short[] rightPcm = new short[writer.frameSamples()];
            while (!(left.drained() && right.drained())) {
                if (stopping.getAsBoolean()) {
                    throw new CancellationException("storage is stopping");
                }
                left.read(leftPcm, 0, leftPcm.length);
                right.read(rightPcm, 0, rightPcm.length);
                writer.writeFrame(leftPcm, rightPcm);
            }
            long duration = Math.max(left.end(), right.end());
            writer.finish(duration);
            sink.flushAndSync();
            return new Result(duration, sink.size(), sink.sha256Hex(), writer.framesWritten(),
                    writer.leftFramesEncoded(), writer.rightFramesEncoded());
        }
    }
}
