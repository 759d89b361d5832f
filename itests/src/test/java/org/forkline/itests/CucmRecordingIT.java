package org.forkline.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.forkline.itests.support.AudioAssertions.assertSilent;
import static org.forkline.itests.support.AudioAssertions.assertTone;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.forkline.itests.support.CucmCall;
import org.forkline.itests.support.Ffmpeg;
import org.forkline.itests.support.ForklineNode;
import org.forkline.itests.support.ForklineNodes;
import org.forkline.itests.support.Impairments;
import org.forkline.itests.support.ItWork;
import org.forkline.itests.support.PcapFile;
import org.forkline.itests.support.RecordingJson;
import org.forkline.itests.support.RecordingJson.LegJson;
import org.forkline.itests.support.Recordings;
import org.forkline.itests.support.RtpStream;
import org.forkline.itests.support.SippCalls;
import org.forkline.itests.support.SippRun;
import org.forkline.itests.support.Tone;
import org.forkline.itests.support.WavAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls forked the way CUCM forks them (two SIPp dialogs per call, RTP replayed from pcaps) end up as one sealed
 * stereo recording per call: near end left, far end right, metadata as sent, audio servable as Ogg Opus and WAV.
 */
class CucmRecordingIT {

    @RegisterExtension
    static final ForklineNodes NODES = new ForklineNodes();

    private static final Tone NEAR_TONE = Tone.of(700);
    private static final Tone FAR_TONE = Tone.of(1300);
    private static final int LEFT = 0;
    private static final int RIGHT = 1;
    private static final long DURATION_TOLERANCE_MILLIS = 250;
    private static final Duration SEAL_TIMEOUT = Duration.ofSeconds(45);

    private static ForklineNode node;

    @BeforeAll
    static void startNodeWithRecordingUsers() {
        node = NODES.start(ForklineNode.builder("recording").config("org.forkline.storage", "pairingWaitSeconds", 3));
        node.addRecordingUser("1001", "SJ User 2");
        for (String number : new String[] {"1002", "1003", "1004", "1005"}) {
            node.addRecordingUser(number, "Agent " + number);
        }
    }

    @Test
    void aCallForkedByCucmBecomesOneSealedStereoRecordingWithItsMetadata() throws Exception {
        CucmCall call = CucmCall.of("19301625", "1001");
        PcapFile nearPcap = SippCalls.pcap("a-near-700", RtpStream.of(NEAR_TONE, 5000, 101));
        PcapFile farPcap = SippCalls.pcap("a-far-1300", RtpStream.of(FAR_TONE, 5000, 102));

        runTogether(SippCalls.leg(node, call.near(), nearPcap).start(),
                SippCalls.leg(node, call.far(), farPcap).start());

        RecordingJson recording = Recordings.awaitSealed(node.rest(), "1001", call.refci(), SEAL_TIMEOUT);
        assertThat(recording.state()).isEqualTo("SEALED");
        assertThat(recording.orphan()).isFalse();
        assertThat(recording.recovered()).isFalse();
        assertThat(recording.durationMillis()).isCloseTo(nearPcap.durationMillis(), within(DURATION_TOLERANCE_MILLIS));
        assertThat(recording.refci()).isEqualTo("19301625");
        assertThat(recording.clusterId()).isEqualTo("StandAloneCluster");
        assertThat(recording.near().number()).isEqualTo("1001");
        assertThat(recording.near().device()).isEqualToIgnoringCase("SEP6C416A369525");
        assertThat(recording.near().displayName()).isEqualTo("SJ User 2");
        assertThat(recording.far().number()).isEqualTo("1000");
        assertThat(recording.far().device()).isEqualToIgnoringCase("SEP38ED18552A12");
        assertThat(recording.codec()).isEqualToIgnoringCase("PCMU");
        assertThat(recording.nodeId()).isEqualTo(node.nodeId());
        assertThat(recording.sizeBytes()).isPositive();
        assertThat(recording.sha256()).matches("[0-9a-fA-F]{64}");
        assertThat(recording.legs()).extracting(LegJson::direction).containsExactlyInAnyOrder("NEAR", "FAR");
        for (LegJson leg : recording.legs()) {
            PcapFile sent = leg.direction().equals("NEAR") ? nearPcap : farPcap;
            assertThat(leg.codec()).as("codec of the %s leg", leg.direction()).isEqualToIgnoringCase("PCMU");
            assertThat(leg.endReason()).as("end reason of the %s leg", leg.direction()).isEqualTo("BYE");
            assertThat(leg.sipCallId()).isNotBlank();
            assertThat(leg.remoteAddress()).startsWith("127.0.0.1");
            assertThat(leg.stats().packetsReceived()).as("packets received on the %s leg", leg.direction())
                    .isBetween((long) sent.uniquePackets() - 1, (long) sent.uniquePackets());
            assertThat(leg.stats().packetsLost()).as("packets lost on the %s leg", leg.direction()).isZero();
            assertThat(leg.stats().packetsDuplicate()).isZero();
        }

        WavAudio wav = Recordings.wav(node.rest(), recording.id());
        assertThat(wav.channelCount()).isEqualTo(2);
        assertThat(wav.durationMillis()).isCloseTo(recording.durationMillis(), within(60L));
        long end = recording.durationMillis() - 200;
        assertTone(wav, LEFT, 200, end, 700, 1300, 20);
        assertTone(wav, RIGHT, 200, end, 1300, 700, 20);

        HttpResponse<byte[]> ogg = node.rest().audio(recording.id(), null, null);
        assertThat(ogg.statusCode()).isEqualTo(200);
        assertThat(ogg.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("audio/ogg"));
        byte[] oggBytes = ogg.body();
        assertThat((long) oggBytes.length).isEqualTo(recording.sizeBytes());
        assertThat(sha256(oggBytes)).isEqualTo(recording.sha256().toLowerCase(Locale.ROOT));
        Path oggFile = Files.write(ItWork.dir("downloads").resolve(recording.id() + ".ogg"), oggBytes);
        Ffmpeg.Decoded decoded = Ffmpeg.decode(oggFile);
        assertThat(decoded.exitCode()).as("ffmpeg exit code; errors: %s", decoded.errors()).isZero();
        assertThat(decoded.errors()).as("ffmpeg errors").isEmpty();
        assertThat(decoded.wav().channelCount()).isEqualTo(2);
        assertThat(decoded.wav().durationMillis()).isCloseTo(recording.durationMillis(), within(50L));

        HttpResponse<byte[]> firstBytes = node.rest().audio(recording.id(), null, "bytes=0-99");
        assertThat(firstBytes.statusCode()).isEqualTo(206);
        assertThat(firstBytes.body()).isEqualTo(Arrays.copyOf(oggBytes, 100));
        assertThat(firstBytes.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + oggBytes.length);
        HttpResponse<byte[]> beyond = node.rest().audio(recording.id(), null,
                "bytes=" + oggBytes.length + "-" + (oggBytes.length + 99));
        assertThat(beyond.statusCode()).isEqualTo(416);
    }

    @Test
    void holdSilencesTheNearChannelForTheHoldAndTheRecordingKeepsWallClockTime() throws Exception {
        CucmCall call = CucmCall.of("19302001", "1002");
        PcapFile beforeHold = SippCalls.pcap("b-near-before", RtpStream.of(NEAR_TONE, 2000, 201));
        // After the resume the phone starts a new RTP stream (new SSRC, sequence and timestamp base).
        PcapFile afterHold = SippCalls.pcap("b-near-after", RtpStream.of(NEAR_TONE, 2000, 202));
        PcapFile far = SippCalls.pcap("b-far", RtpStream.of(FAR_TONE, 7000, 203));

        runTogether(SippCalls.holdLeg(node, call.near(), beforeHold, 3000, afterHold).start(),
                SippCalls.leg(node, call.far(), far).start());

        RecordingJson recording = Recordings.awaitSealed(node.rest(), "1002", call.refci(), SEAL_TIMEOUT);
        assertThat(recording.orphan()).isFalse();
        assertThat(recording.durationMillis()).as("2 s tone + 3 s hold + 2 s tone").isCloseTo(7000, within(350L));
        WavAudio wav = Recordings.wav(node.rest(), recording.id());
        assertTone(wav, LEFT, 200, 1800, 700, 1300, 20);
        assertSilent(wav, LEFT, 2400, 4700);
        assertTone(wav, LEFT, 5400, 6800, 700, 1300, 20);
        assertTone(wav, RIGHT, 200, 6800, 1300, 700, 20);
    }

    @Test
    void aLegWithoutPartnerIsSealedAsOrphanAfterThePairingWait() throws Exception {
        CucmCall call = CucmCall.of("19303001", "1003");
        PcapFile near = SippCalls.pcap("c-near-only", RtpStream.of(NEAR_TONE, 3000, 301));

        SippCalls.leg(node, call.near(), near).run().assertSucceeded();

        RecordingJson recording = Recordings.awaitSealed(node.rest(), "1003", call.refci(), SEAL_TIMEOUT);
        assertThat(recording.orphan()).isTrue();
        assertThat(recording.legs()).extracting(LegJson::direction).containsExactly("NEAR");
        assertThat(recording.durationMillis()).isCloseTo(3000, within(DURATION_TOLERANCE_MILLIS));
        WavAudio wav = Recordings.wav(node.rest(), recording.id());
        assertThat(wav.channelCount()).isEqualTo(2);
        assertTone(wav, LEFT, 200, 2800, 700, 1300, 20);
        assertSilent(wav, RIGHT, 0, wav.durationMillis());
    }

    @Test
    void aPartnerLegArrivingLateJoinsTheRecordingAtItsOwnTime() throws Exception {
        CucmCall call = CucmCall.of("19304001", "1004");
        PcapFile near = SippCalls.pcap("d-near", RtpStream.of(NEAR_TONE, 5000, 401));
        PcapFile far = SippCalls.pcap("d-far-late", RtpStream.of(FAR_TONE, 3500, 402));

        runTogether(SippCalls.leg(node, call.near(), near).start(),
                SippCalls.leg(node, call.far(), far).startDelay(Duration.ofMillis(1500)).start());

        RecordingJson recording = Recordings.awaitSealed(node.rest(), "1004", call.refci(), SEAL_TIMEOUT);
        assertThat(recording.orphan()).isFalse();
        assertThat(recording.legs()).hasSize(2);
        assertThat(recording.durationMillis()).isCloseTo(5000, within(DURATION_TOLERANCE_MILLIS));
        WavAudio wav = Recordings.wav(node.rest(), recording.id());
        assertTone(wav, LEFT, 200, 4800, 700, 1300, 20);
        assertSilent(wav, RIGHT, 0, 1300);
        assertTone(wav, RIGHT, 1800, 4800, 1300, 700, 20);
    }

    @Test
    void lossDuplicatesAndReorderingAreCountedAndDoNotBreakTheRecording() throws Exception {
        CucmCall call = CucmCall.of("19305001", "1005");
        RtpStream nearStream = RtpStream.of(NEAR_TONE, 5000, 501);
        Impairments damage = Impairments.random(502, nearStream.packets(), 5, 2, 3);
        PcapFile near = SippCalls.pcap("e-near-impaired", nearStream, damage);
        PcapFile far = SippCalls.pcap("e-far", RtpStream.of(FAR_TONE, 5000, 503));

        runTogether(SippCalls.leg(node, call.near(), near).start(), SippCalls.leg(node, call.far(), far).start());

        RecordingJson recording = Recordings.awaitSealed(node.rest(), "1005", call.refci(), SEAL_TIMEOUT);
        assertThat(recording.durationMillis()).isCloseTo(5000, within(DURATION_TOLERANCE_MILLIS));
        LegJson nearLeg = recording.leg("NEAR").orElseThrow();
        assertThat(nearLeg.stats().packetsLost()).as("lost = packets dropped from the pcap")
                .isEqualTo(damage.droppedCount());
        assertThat(nearLeg.stats().packetsDuplicate()).as("duplicates = packets sent twice")
                .isEqualTo(damage.duplicatedCount());
        assertThat(nearLeg.stats().packetsReceived()).as("received = distinct packets sent")
                .isEqualTo(near.uniquePackets());
        assertThat(nearLeg.stats().packetsLate()).as("swapped neighbours are 20 ms apart, inside the reorder buffer")
                .isZero();
        assertThat(recording.leg("FAR").orElseThrow().stats().packetsLost()).isZero();
        WavAudio wav = Recordings.wav(node.rest(), recording.id());
        assertTone(wav, LEFT, 200, 4800, 700, 1300, 20);
        assertTone(wav, RIGHT, 200, 4800, 1300, 700, 20);
    }

    /** Waits for all runs (they were started together) and fails with SIPp's logs if a call failed. */
    private static void runTogether(SippRun... runs) {
        try {
            for (SippRun run : runs) {
                run.await().assertSucceeded();
            }
        } finally {
            for (SippRun run : runs) {
                run.close();
            }
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
