package org.forkline.storage.internal.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.MediaStats;
import org.forkline.api.Party;

/** Binary encoding of the META, BEGIN and END payloads (versioned, so later fields can be added). */
public final class JournalPayloads {

    private static final int VERSION = 1;
    /** Keeps every string within {@code writeUTF}'s 64 KiB limit whatever a SIP peer sends. */
    private static final int MAX_STRING_CHARS = 8192;

    private JournalPayloads() {
    }

    public static byte[] encodeMeta(LegMeta meta) {
        return write(out -> {
            out.writeByte(VERSION);
            writeUuid(out, meta.recordingId());
            writeUuid(out, meta.legId());
            out.writeLong(meta.startedAt().toEpochMilli());
            writeString(out, meta.nodeId());
            LegMetadata m = meta.metadata();
            writeString(out, m.direction().name());
            writeString(out, m.clusterId());
            writeString(out, m.refci());
            writeParty(out, m.near());
            writeParty(out, m.far());
            writeString(out, m.farRefci());
            writeString(out, m.farClusterId());
            writeString(out, m.nearGuid());
            writeString(out, m.farGuid());
            writeString(out, m.sipCallId());
            out.writeInt(m.parameters().size());
            for (Map.Entry<String, String> e : m.parameters().entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
        });
    }

    public static LegMeta decodeMeta(ByteBuffer payload) throws IOException {
        DataInputStream in = reader(payload);
        checkVersion(in);
        UUID recordingId = readUuid(in);
        UUID legId = readUuid(in);
        Instant startedAt = Instant.ofEpochMilli(in.readLong());
        String nodeId = readString(in);
        LegDirection direction;
        try {
            direction = LegDirection.valueOf(readString(in));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("META record with an unknown leg direction", e);
        }
        String clusterId = readString(in);
        String refci = readString(in);
        Party near = readParty(in);
        Party far = readParty(in);
        String farRefci = readString(in);
        String farClusterId = readString(in);
        String nearGuid = readString(in);
        String farGuid = readString(in);
        String sipCallId = readString(in);
        int count = in.readInt();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = readString(in);
            String value = readString(in);
            if (key != null && value != null) {
                parameters.put(key, value);
            }
        }
        if (sipCallId == null) {
            throw new IOException("META record without a SIP Call-ID");
        }
        return new LegMeta(recordingId, legId, startedAt, nodeId, new LegMetadata(direction, clusterId, refci, near,
                far, farRefci, farClusterId, nearGuid, farGuid, sipCallId, parameters));
    }

    static byte[] encodeBegin(BeginRecord begin) {
        return write(out -> {
            out.writeByte(VERSION);
            out.writeInt(begin.sampleRate());
            out.writeLong(begin.anchorEpochMicros());
            writeString(out, begin.codec());
        });
    }

    public static BeginRecord decodeBegin(ByteBuffer payload) throws IOException {
        DataInputStream in = reader(payload);
        checkVersion(in);
        int rate = in.readInt();
        long anchor = in.readLong();
        return new BeginRecord(rate, readString(in), anchor);
    }

    public static byte[] encodeEnd(EndRecord end) {
        return write(out -> {
            out.writeByte(VERSION);
            writeString(out, end.reason());
            out.writeLong(end.endedAt().toEpochMilli());
            MediaStats s = end.stats();
            for (long value : new long[] {s.packetsReceived(), s.packetsLost(), s.packetsDuplicate(), s.packetsLate(),
                    s.packetsUnexpectedSource(), s.packetsMalformed(), s.packetsEvents(), s.packetsComfortNoise(),
                    s.ssrcChanges()}) {
                out.writeLong(value);
            }
        });
    }

    public static EndRecord decodeEnd(ByteBuffer payload) throws IOException {
        DataInputStream in = reader(payload);
        checkVersion(in);
        String reason = readString(in);
        Instant endedAt = Instant.ofEpochMilli(in.readLong());
        long[] v = new long[9];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
        return new EndRecord(reason, endedAt, new MediaStats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static DataInputStream reader(ByteBuffer payload) {
        ByteBuffer copy = payload.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    private static void checkVersion(DataInputStream in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("journal payload version " + version + " is not supported");
        }
    }

    private static void writeUuid(DataOutputStream out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID readUuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void writeParty(DataOutputStream out, Party party) throws IOException {
        writeString(out, party.number());
        writeString(out, party.device());
        writeString(out, party.displayName());
    }

    private static Party readParty(DataInputStream in) throws IOException {
        return new Party(readString(in), readString(in), readString(in));
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value.length() > MAX_STRING_CHARS ? value.substring(0, MAX_STRING_CHARS) : value);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
