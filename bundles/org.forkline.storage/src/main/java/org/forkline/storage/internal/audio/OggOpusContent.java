package org.forkline.storage.internal.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;

/** The stored Ogg Opus file, served by byte ranges straight from the file. */
public final class OggOpusContent implements AudioContent {

    private final Path file;
    private final long length;

    public OggOpusContent(Path file) throws IOException {
        this.file = file;
        this.length = Files.size(file);
    }

    @Override
    public AudioFormat format() {
        return AudioFormat.OGG_OPUS;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void writeTo(long offset, long count, OutputStream out) throws IOException {
        ByteRange.check(offset, count, length);
        WritableByteChannel target = Channels.newChannel(out);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long done = 0;
            while (done < count) {
                long sent = channel.transferTo(offset + done, count - done, target);
                if (sent <= 0) {
                    throw new EOFException(file + " is shorter than " + (offset + count) + " bytes");
                }
                done += sent;
            }
        }
    }
}
