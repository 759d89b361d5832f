package org.forkline.storage.internal.opus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.forkline.storage.internal.testing.Ffmpeg;
import org.forkline.storage.internal.testing.Signals;
import org.forkline.storage.internal.testing.TestFolders;
import org.junit.jupiter.api.Test;

class StereoOpusWriterTest {

    private static final int RATE = 8000;
    private static final int DURATION = 12_037;

    /** Writes 700 Hz left, 1300 Hz right, for a length that is not a whole number of frames. */
    private Path writeTones() throws IOException {
        Path file = TestFolders.fresh(StereoOpusWriterTest.class).resolve("tones.opus");
        short[] left = Signals.tone(700, RATE, DURATION, -12);
        short[] right = Signals.tone(1300, RATE, DURATION, -12);
        try (OutputStream out = Files.newOutputStream(file)) {
            StereoOpusWriter writer = new StereoOpusWriter(RATE, OpusSettings.DEFAULT, out::write, 1234,
                    List.of("FORKLINE_RECORDING_ID=test"));
            int frame = writer.frameSamples();
            short[] l = new short[frame];
            short[] r = new short[frame];
            for (int at = 0; at < DURATION; at += frame) {
                java.util.Arrays.fill(l, (short) 0);
                java.util.Arrays.fill(r, (short) 0);
                int n = Math.min(frame, DURATION - at);
                System.arraycopy(left, at, l, 0, n);
                System.arraycopy(right, at, r, 0, n);
                writer.writeFrame(l, r);
            }
            writer.finish(DURATION);
        }
        return file;
    }

    /** Page facts read with an independent, bit-by-bit checksum. */
    private record Page(int headerType, long granule, int sequence, boolean checksumValid, int packets) {
    }

    private static List<Page> pages(byte[] file) {
        List<Page> pages = new ArrayList<>();
        int at = 0;
        while (at < file.length) {
            assertThat(new String(file, at, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
            ByteBuffer header = ByteBuffer.wrap(file, at, 27).order(ByteOrder.LITTLE_ENDIAN);
            int segments = file[at + 26] & 0xFF;
            int body = 0;
            int packets = 0;
            for (int i = 0; i < segments; i++) {
                int lacing = file[at + 27 + i] & 0xFF;
                body += lacing;
                packets += lacing < 255 ? 1 : 0;
            }
            int length = 27 + segments + body;
            byte[] copy = java.util.Arrays.copyOfRange(file, at, at + length);
            int stored = ByteBuffer.wrap(copy, 22, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            java.util.Arrays.fill(copy, 22, 26, (byte) 0);
            pages.add(new Page(file[at + 5], header.getLong(at + 6), header.getInt(at + 18),
                    bitwiseCrc(copy) == stored, packets));
            at += length;
        }
        return pages;
    }

    private static int bitwiseCrc(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }

    @Test
    void pagesHaveValidChecksumsSequenceAndTrimmedLastGranule() throws IOException {
        List<Page> pages = pages(Files.readAllBytes(writeTones()));

        assertThat(pages).allMatch(Page::checksumValid);
        assertThat(pages.get(0).headerType()).isEqualTo(0x02);
        assertThat(pages.get(pages.size() - 1).headerType()).isEqualTo(0x04);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i).sequence()).isEqualTo(i);
        }
        assertThat(pages.get(2).packets()).isEqualTo(50);
        assertThat(pages.get(2).granule()).isEqualTo(50 * 960);
        assertThat(pages.get(pages.size() - 1).granule()).isEqualTo(312 + DURATION * 6L);
    }

    @Test
    void headersDescribeTwoUncoupledMonoStreams() throws IOException {
        try (OggPacketReader reader = OggPacketReader.open(writeTones())) {
            assertThat(reader.next()).isTrue();
            OpusHead head = OpusHead.parse(reader.packet(), reader.packetLength());
            assertThat(head).isEqualTo(new OpusHead(2, 312, RATE, 1, 2, 0));
            assertThat(reader.packet()[reader.packetLength() - 2]).isZero();
            assertThat(reader.packet()[reader.packetLength() - 1]).isEqualTo((byte) 1);
            assertThat(reader.next()).isTrue();
            String tags = new String(reader.packet(), 0, reader.packetLength(), StandardCharsets.UTF_8);
            assertThat(tags).startsWith("OpusTags").contains("Forkline").contains("FORKLINE_RECORDING_ID=test");
        }
    }

    @Test
    void ownDecoderGivesExactLengthAndSeparateChannels() throws IOException {
        short[] pcm;
        try (StereoOpusDecoder decoder = StereoOpusDecoder.open(writeTones())) {
            assertThat(decoder.totalFrames()).isEqualTo(DURATION);
            pcm = new short[2 * DURATION];
            short[] block = new short[2 * 500];
            int at = 0;
            int frames;
            while ((frames = decoder.read(block, 500)) > 0) {
                System.arraycopy(block, 0, pcm, 2 * at, 2 * frames);
                at += frames;
            }
            assertThat(at).isEqualTo(DURATION);
        }
        assertThat(Signals.dominanceDb(pcm, 2 * 800, 8000, 2, 700, 1300, RATE)).isGreaterThan(20);
        assertThat(Signals.dominanceDb(pcm, 2 * 800 + 1, 8000, 2, 1300, 700, RATE)).isGreaterThan(20);
    }

    @Test
    void ffmpegDecodesTheExactLengthWithNearLeftAndFarRight() throws Exception {
        short[] pcm = Ffmpeg.decodeStereo48k(writeTones());

        assertThat(pcm.length / 2).isEqualTo(DURATION * 6);
        assertThat(Signals.dominanceDb(pcm, 2 * 4800, 48000, 2, 700, 1300, 48000)).isGreaterThan(20);
        assertThat(Signals.dominanceDb(pcm, 2 * 4800 + 1, 48000, 2, 1300, 700, 48000)).isGreaterThan(20);
    }
}
