package org.forkline.storage.internal.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Decodes a file with the ffmpeg command-line tool to interleaved 16-bit stereo at 48 kHz. */
public final class Ffmpeg {

    private Ffmpeg() {
    }

    public static short[] decodeStereo48k(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "s16le", "-ac", "2",
                "-ar", "48000", "-").start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] pcm = readAll(process.getInputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("ffmpeg did not finish within 60 s");
        }
        String stderr = new String(errors.join(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || !stderr.isBlank()) {
            throw new IOException("ffmpeg exit " + process.exitValue() + ": " + stderr);
        }
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
