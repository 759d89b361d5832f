package org.forkline.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.forkline.itests.support.AudioAnalysis;
import org.forkline.itests.support.Ffmpeg;
import org.forkline.itests.support.G711;
import org.forkline.itests.support.Impairments;
import org.forkline.itests.support.ItWork;
import org.forkline.itests.support.PcapFile;
import org.forkline.itests.support.PcapReader;
import org.forkline.itests.support.RtpPacket;
import org.forkline.itests.support.RtpPcapWriter;
import org.forkline.itests.support.RtpSender;
import org.forkline.itests.support.RtpStream;
import org.forkline.itests.support.Tone;
import org.forkline.itests.support.WavAudio;
import org.junit.jupiter.api.Test;

/** The harness's media tools: pcap writing and reading, impairments, the RTP sender, WAV parsing, tone analysis, ffmpeg. */
class MediaToolsTest {

    @Test
    void pcapReadsBackAsTheStreamWithTwentyMillisecondSpacing() {
        RtpStream stream = RtpStream.of(Tone.of(700), 1000, 11);
        PcapFile pcap = RtpPcapWriter.write(ItWork.dir("pcaps").resolve("tools-clean.pcap"), stream);

        List<PcapReader.Datagram> datagrams = PcapReader.read(pcap.path());

        assertThat(datagrams).hasSize(50);
        assertThat(pcap.packetsInFile()).isEqualTo(50);
        for (int i = 0; i < datagrams.size(); i++) {
            assertThat(datagrams.get(i).payload()).isEqualTo(stream.packet(i));
            assertThat(datagrams.get(i).micros() - datagrams.get(0).micros()).isEqualTo(i * 20_000L);
        }
        byte[] first = datagrams.get(0).payload();
        assertThat(RtpPacket.isRtpVersion2(first)).isTrue();
        assertThat(RtpPacket.payloadType(first)).isZero();
        assertThat(first[1] & 0x80).as("marker on the first packet").isEqualTo(0x80);
        assertThat(RtpPacket.timestamp(datagrams.get(1).payload()) - RtpPacket.timestamp(first)).isEqualTo(160);
    }

    @Test
    void impairedPcapDropsDuplicatesAndSwapsExactlyAsDeclared() {
        RtpStream stream = RtpStream.of(Tone.of(700), 5000, 12);
        Impairments impairments = Impairments.random(42, stream.packets(), 5, 2, 3);
        PcapFile pcap = RtpPcapWriter.write(ItWork.dir("pcaps").resolve("tools-impaired.pcap"), stream, impairments);

        List<PcapReader.Datagram> datagrams = PcapReader.read(pcap.path());

        assertThat(impairments.droppedCount()).isEqualTo(13);
        assertThat(impairments.duplicatedCount()).isEqualTo(5);
        assertThat(impairments.swappedCount()).isEqualTo(8);
        assertThat(datagrams).hasSize(250 - 13 + 5).hasSize(pcap.packetsInFile());
        Set<Integer> sequences = new HashSet<>();
        int duplicates = 0;
        int outOfOrder = 0;
        int previous = -1;
        long previousTime = -1;
        for (PcapReader.Datagram datagram : datagrams) {
            int index = (RtpPacket.sequence(datagram.payload()) - stream.firstSequence()) & 0xFFFF;
            if (!sequences.add(index)) {
                duplicates++;
            } else if (index < previous) {
                outOfOrder++;
            }
            previous = Math.max(previous, index);
            assertThat(datagram.micros()).isGreaterThan(previousTime);
            previousTime = datagram.micros();
        }
        assertThat(duplicates).isEqualTo(5);
        assertThat(outOfOrder).isEqualTo(8);
        assertThat(sequences).hasSize(250 - 13).hasSize(pcap.uniquePackets());
        assertThat(sequences).doesNotContainAnyElementsOf(impairments.dropped()).contains(0, 1, 248, 249);
        assertThat(datagrams.get(datagrams.size() - 1).micros() - datagrams.get(0).micros())
                .isEqualTo(249 * 20_000L);
    }

    @Test
    void decodedToneIsDominantAndItsLevelIsAboutMinus12Dbfs() {
        RtpStream stream = RtpStream.of(Tone.of(700), 1000, 13);
        short[] pcm = new short[stream.packets() * 160];
        for (int i = 0; i < stream.packets(); i++) {
            byte[] packet = stream.packet(i);
            for (int s = 0; s < 160; s++) {
                pcm[i * 160 + s] = G711.decode(packet[12 + s]);
            }
        }

        assertThat(AudioAnalysis.dominanceDb(pcm, 8000, 0, 1000, 700, 1300)).isGreaterThan(40);
        assertThat(AudioAnalysis.dominanceDb(pcm, 8000, 0, 1000, 1300, 700)).isLessThan(-40);
        assertThat(AudioAnalysis.rmsDbfs(pcm, 8000, 0, 1000)).isCloseTo(-15, within(0.5)); // −12 dBFS sine peak
        assertThat(AudioAnalysis.toneShareDb(pcm, 8000, 0, 1000, 700)).isGreaterThan(-1);
        assertThat(AudioAnalysis.rmsDbfs(new short[8000], 8000, 0, 1000)).isEqualTo(-200);
    }

    @Test
    void wavParserSplitsChannelsAndFfmpegDecodesAnOpusFileToTheSameLength() throws Exception {
        Path wav = ItWork.dir("tools").resolve("stereo.wav");
        Files.write(wav, stereoWav(Tone.of(700), Tone.of(1300), 150));
        WavAudio parsed = WavAudio.parse(Files.readAllBytes(wav));
        assertThat(parsed.channelCount()).isEqualTo(2);
        assertThat(parsed.sampleRate()).isEqualTo(8000);
        assertThat(parsed.durationMillis()).isEqualTo(3000);
        assertThat(AudioAnalysis.dominanceDb(parsed.channel(0), 8000, 0, 3000, 700, 1300)).isGreaterThan(40);
        assertThat(AudioAnalysis.dominanceDb(parsed.channel(1), 8000, 0, 3000, 1300, 700)).isGreaterThan(40);

        Path opus = ItWork.dir("tools").resolve("stereo.opus");
        Process encode = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", wav.toString(), "-c:a",
                "libopus", "-b:a", "24k", opus.toString()).redirectErrorStream(true).start();
        assertThat(encode.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(encode.exitValue()).as(new String(encode.getInputStream().readAllBytes())).isZero();

        Ffmpeg.Decoded decoded = Ffmpeg.decode(opus);

        assertThat(decoded.exitCode()).isZero();
        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.wav().channelCount()).isEqualTo(2);
        assertThat(decoded.wav().durationMillis()).isCloseTo(3000, within(50L));
        assertThat(AudioAnalysis.dominanceDb(decoded.wav().channel(0), decoded.wav().sampleRate(), 200, 2800, 700,
                1300)).isGreaterThan(20);
        assertThat(AudioAnalysis.dominanceDb(decoded.wav().channel(1), decoded.wav().sampleRate(), 200, 2800, 1300,
                700)).isGreaterThan(20);
        assertThat(Ffmpeg.decode(wav.resolveSibling("missing.opus")).exitCode()).isNotZero();
    }

    @Test
    void rtpSenderPacesRealTimeCountsAndInjectsFromItsOwnPort() throws IOException {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                RtpSender sender = new RtpSender("127.0.0.1", RtpStream.of(Tone.of(700), 1000, 14))) {
            receiver.setSoTimeout(2000);
            long start = System.nanoTime();
            sender.start(new InetSocketAddress("127.0.0.1", receiver.getLocalPort()));
            byte[] buffer = new byte[2048];
            int received = 0;
            while (received < 50) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                receiver.receive(packet);
                assertThat(packet.getPort()).isEqualTo(sender.localPort());
                received++;
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).isBetween(950L, 1300L);
            await().atMost(Duration.ofSeconds(1)).until(sender::finished);
            assertThat(sender.stop()).isEqualTo(50);
            assertThat(sender.millisSent()).isEqualTo(1000);

            sender.inject("junk".getBytes());
            DatagramPacket junk = new DatagramPacket(buffer, buffer.length);
            receiver.receive(junk);
            assertThat(new String(junk.getData(), 0, junk.getLength())).isEqualTo("junk");
            assertThat(junk.getPort()).isEqualTo(sender.localPort());
        }
    }

    private static byte[] stereoWav(Tone left, Tone right, int frames) {
        int samples = frames * 160;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 4).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 4).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(8000).putInt(32000)
                .putShort((short) 4).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 4);
        for (int f = 0; f < frames; f++) {
            short[] l = left.frame(f);
            short[] r = right.frame(f);
            for (int s = 0; s < 160; s++) {
                wav.putShort(l[s]).putShort(r[s]);
            }
        }
        return wav.array();
    }
}
