package org.forkline.storage.internal.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.storage.internal.db.Database;
import org.forkline.storage.internal.db.LegRow;
import org.forkline.storage.internal.db.RecordingDao;
import org.forkline.storage.internal.db.RecordingRow;
import org.forkline.storage.internal.db.SealingDao;
import org.forkline.storage.internal.journal.EndRecord;
import org.forkline.storage.internal.journal.JournalFile;
import org.forkline.storage.internal.journal.JournalPayloads;
import org.forkline.storage.internal.journal.JournalSink;
import org.forkline.storage.internal.journal.JournalStore;
import org.forkline.storage.internal.journal.LegMeta;
import org.forkline.storage.internal.journal.RecordType;
import org.forkline.storage.internal.opus.OpusSettings;
import org.forkline.storage.internal.opus.StereoOpusDecoder;
import org.forkline.storage.internal.opus.StereoOpusWriter;
import org.forkline.storage.internal.seal.SealReport;
import org.forkline.storage.internal.seal.Sealer;
import org.forkline.testing.MuLaw;
import org.forkline.testing.SpeechLikeSignal;

/**
 * Measures sealing cost on a synthetic speech-like call (not a test; run its main): CPU-seconds per call-hour of the
 * sealing thread, MB per hour of Ogg, the energy gate's pass ratio, and encode-only against read+encode. The call is
 * the load benchmark's signal ({@link SpeechLikeSignal}), so both benchmarks measure the same audio.
 * Arguments: [seconds of call, default 600] [measured rounds, default 3] [warm-up rounds, default 2]
 * [activity model: half (default) or p59].
 */
public final class SealingBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SealingBenchmark() {
    }

    /** One measured run. */
    private record Run(double cpuSeconds, long bytes, long leftEncoded, long rightEncoded, long frames) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = Path.of("target", "bench", UUID.randomUUID().toString()).toAbsolutePath();
        SpeechLikeSignal.Activity activity = SpeechLikeSignal.Activity.valueOf(
                (args.length > 3 ? args[3] : "half").toUpperCase(java.util.Locale.ROOT));
        byte[][] ulaw = SpeechLikeSignal.conversation(seconds, 42, activity);
        short[][] call = { decode(ulaw[0]), decode(ulaw[1]) };
        System.out.printf("Signal: %d s two-party call at 8 kHz through mu-law, %s activity model; the near end talks "
                + "%.1f %%, the far end %.1f %% of the time%n", seconds, activity,
                100 * SpeechLikeSignal.activity(ulaw[0]), 100 * SpeechLikeSignal.activity(ulaw[1]));
        try (Database database = Database.open(dir.resolve("db"), 2)) {
            RecordingDao dao = new RecordingDao(database.pool(), Clock.systemUTC());
            JournalStore journals = new JournalStore(dir);
            Sealer sealer = new Sealer(dir, journals, dao, new SealingDao(database.pool(), Clock.systemUTC(), org.forkline.storage.internal.db.ChangeLog.load(database.pool(), "bench", change -> { })), "bench",
                    () -> OpusSettings.DEFAULT, (topic, id) -> { }, () -> false);
            for (int i = 0; i < warmups; i++) {
                sealer.seal(writeJournals(call, journals, dao, new double[1]));
                encodeOnly(call);
            }
            List<Run> sealed = new ArrayList<>();
            List<Run> encoded = new ArrayList<>();
            double journalCpu = 0;
            for (int i = 0; i < rounds; i++) {
                double[] writeCpu = new double[1];
                UUID id = writeJournals(call, journals, dao, writeCpu);
                journalCpu += writeCpu[0];
                SealReport report = sealer.seal(id);
                sealed.add(new Run(report.cpuNanos() / 1e9, report.sizeBytes(), report.leftFramesEncoded(),
                        report.rightFramesEncoded(), report.framesWritten()));
                encoded.add(encodeOnly(call));
            }
            double hours = seconds / 3600.0;
            System.out.printf("%n%-36s %22s %12s %20s%n", "measurement (" + rounds + " rounds, mean)",
                    "CPU-s per call-hour", "MB per hour", "gate pass near/far");
            System.out.printf("%-36s %22.2f %12s %20s%n", "journal write (append + flush)", journalCpu / rounds / hours,
                    "-", "-");
            print("encode only (memory -> Ogg)", encoded, hours);
            print("read + encode (Sealer.seal)", sealed, hours);
            System.out.printf("%-36s %22.2f %12s %20s%n", "decode for WAV (StereoOpusDecoder)",
                    decodeCpuSeconds(dir) / hours, "-", "-");
        }
    }

    private static short[] decode(byte[] ulaw) {
        short[] pcm = new short[ulaw.length];
        for (int i = 0; i < ulaw.length; i++) {
            pcm[i] = MuLaw.decode(ulaw[i]);
        }
        return pcm;
    }

    /** CPU time to decode one sealed file completely, as a WAV download does. */
    private static double decodeCpuSeconds(Path dir) throws IOException {
        Path file;
        try (var files = java.nio.file.Files.walk(dir.resolve("media"))) {
            file = files.filter(p -> p.toString().endsWith(".opus")).findFirst().orElseThrow();
        }
        long start = THREADS.getCurrentThreadCpuTime();
        try (StereoOpusDecoder decoder = StereoOpusDecoder.open(file)) {
            short[] block = new short[2 * 960];
            while (decoder.read(block, 960) >= 0) {
                // decode everything
            }
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
    }

    private static void print(String label, List<Run> runs, double hours) {
        double cpu = runs.stream().mapToDouble(Run::cpuSeconds).average().orElse(0);
        Run first = runs.get(0);
        System.out.printf("%-36s %22.2f %12.2f %9.1f %% / %5.1f %%%n", label, cpu / hours, first.bytes() / hours / 1e6,
                100.0 * first.leftEncoded() / first.frames(), 100.0 * first.rightEncoded() / first.frames());
    }

    private static Run encodeOnly(short[][] call) throws IOException {
        long start = THREADS.getCurrentThreadCpuTime();
        long[] bytes = new long[1];
        StereoOpusWriter writer = new StereoOpusWriter(8000, OpusSettings.DEFAULT, (b, off, len) -> bytes[0] += len, 1,
                List.of("FORKLINE_RECORDING_ID=bench"));
        int frame = writer.frameSamples();
        short[] left = new short[frame];
        short[] right = new short[frame];
        for (int at = 0; at + frame <= call[0].length; at += frame) {
            System.arraycopy(call[0], at, left, 0, frame);
            System.arraycopy(call[1], at, right, 0, frame);
            writer.writeFrame(left, right);
        }
        writer.finish(call[0].length);
        return new Run((THREADS.getCurrentThreadCpuTime() - start) / 1e9, bytes[0], writer.leftFramesEncoded(),
                writer.rightFramesEncoded(), writer.framesWritten());
    }

    /** Writes both legs through the real journal classes like the media layer: 20 ms appends, flush every 500 ms. */
    private static UUID writeJournals(short[][] call, JournalStore journals, RecordingDao dao, double[] cpuSeconds)
            throws IOException, SQLException {
        UUID recordingId = UUID.randomUUID();
        Instant now = Instant.now();
        LegDirection[] sides = {LegDirection.NEAR, LegDirection.FAR};
        for (int side = 0; side < 2; side++) {
            LegMetadata metadata = new LegMetadata(sides[side], "bench", recordingId.toString(),
                    new Party("1001", null, null), new Party("2002", null, null), null, null, null, null,
                    sides[side] + "-" + recordingId, Map.of());
            UUID legId = UUID.randomUUID();
            LegRow leg = LegRow.started(legId, recordingId, sides[side], metadata.sipCallId(), now, Map.of());
            if (side == 0) {
                dao.insertRecording(RecordingRow.active(recordingId, metadata.pairKey(), "bench", metadata.refci(), now,
                        metadata.near(), metadata.far(), "bench"), leg);
            } else {
                dao.insertLeg(leg);
            }
            long start = THREADS.getCurrentThreadCpuTime();
            JournalFile file = journals.create(new LegMeta(recordingId, legId, now, "bench", metadata));
            JournalSink sink = new JournalSink(file);
            sink.begin(8000, "PCMU", now.toEpochMilli() * 1000);
            short[] pcm = call[side];
            for (int at = 0, frames = 0; at < pcm.length; at += 160) {
                sink.append(at, pcm, at, Math.min(160, pcm.length - at));
                if (++frames % 25 == 0) {
                    sink.flush();
                }
            }
            sink.close();
            EndRecord end = new EndRecord("BYE", Instant.now(), MediaStats.EMPTY);
            file.append(RecordType.END, JournalPayloads.encodeEnd(end));
            file.close();
            cpuSeconds[0] += (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
        }
        return recordingId;
    }
}
