package org.forkline.ha.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.forkline.api.cluster.NodeRole;

/** Encoding of the two message kinds on the cluster channel: member cards and topic messages. */
final class Wire {

    static final byte CARD = 1;
    static final byte TOPIC = 2;
    /** A hint, not data: broadcast payloads are small by contract. */
    static final int MAX_PAYLOAD = 64 * 1024;

    /** A decoded topic message. */
    record TopicMessage(String fromNodeId, String topic, byte[] payload) {
    }

    private Wire() {
    }

    static byte[] card(MemberCard card) {
        return write(out -> {
            out.writeByte(CARD);
            out.writeUTF(card.nodeId());
            out.writeByte(card.role().ordinal());
            out.writeInt(card.priority());
            out.writeUTF(card.endpoint());
            out.writeBoolean(card.refused());
        });
    }

    static byte[] topic(String fromNodeId, String topic, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD
                    + ": broadcast hints, fetch data over HTTP");
        }
        return write(out -> {
            out.writeByte(TOPIC);
            out.writeUTF(fromNodeId);
            out.writeUTF(topic);
            out.writeInt(payload.length);
            out.write(payload);
        });
    }

    /** The kind of an encoded message, or -1 for an empty one. */
    static int kind(byte[] message) {
        return message.length == 0 ? -1 : message[0];
    }

    static MemberCard readCard(byte[] message) throws IOException {
        DataInputStream in = open(message, CARD);
        String nodeId = in.readUTF();
        int role = in.readByte();
        if (role < 0 || role >= NodeRole.values().length) {
            throw new IOException("unknown role " + role);
        }
        return new MemberCard(nodeId, NodeRole.values()[role], in.readInt(), in.readUTF(), in.readBoolean());
    }

    static TopicMessage readTopic(byte[] message) throws IOException {
        DataInputStream in = open(message, TOPIC);
        String from = in.readUTF();
        String topic = in.readUTF();
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("bad payload length " + length);
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new IOException("truncated payload");
        }
        return new TopicMessage(from, topic, payload);
    }

    private static DataInputStream open(byte[] message, byte kind) throws IOException {
        if (kind(message) != kind) {
            throw new IOException("not a message of kind " + kind);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(message));
        in.readByte();
        return in;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
