package org.forkline.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Decodes audio files with the ffmpeg command line, as an independent check of what Forkline serves. */
public final class Ffmpeg {

    /**
     * What ffmpeg made of a file.
     *
     * @param exitCode ffmpeg's exit code
     * @param errors   what it printed at level error (empty for a clean file)
     * @param wav      the decoded audio, null when decoding failed
     */
    public record Decoded(int exitCode, String errors, WavAudio wav) {
    }

    private Ffmpeg() {
    }

    /** {@code ffmpeg -v error -i <file> -f wav -}: decodes to 16-bit WAV on stdout. */
    public static Decoded decode(Path file) {
        try {
            Path errorFile = Files.createTempFile(ItWork.dir("ffmpeg"), "errors", ".txt");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(),
                    "-f", "wav", "-").redirectError(errorFile.toFile()).start();
            CompletableFuture<byte[]> stdout = read(ffmpeg.getInputStream());
            if (!ffmpeg.waitFor(60, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
                throw new AssertionError("ffmpeg did not finish decoding " + file + " within 60 s");
            }
            String errors = Files.readString(errorFile, StandardCharsets.UTF_8).trim();
            byte[] wav = stdout.join();
            return new Decoded(ffmpeg.exitValue(), errors, ffmpeg.exitValue() == 0 ? WavAudio.parse(wav) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ffmpeg (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while decoding " + file, e);
        }
    }

    private static CompletableFuture<byte[]> read(InputStream in) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                result.complete(out.toByteArray());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }, "ffmpeg-stdout");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
