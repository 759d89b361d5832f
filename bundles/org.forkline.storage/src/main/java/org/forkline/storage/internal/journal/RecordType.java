package org.forkline.storage.internal.journal;

/** Kinds of record in a leg journal, with the byte that marks each on disk. */
public enum RecordType {
    /** Leg metadata and recording id: enough to rebuild the database rows. */
    META(1),
    /** Sample rate, codec and the wall-clock anchor of timeline position 0. */
    BEGIN(2),
    /** A run of contiguous samples at a timeline position. */
    PCM(3),
    /** Why and when the leg ended, with its packet counters. */
    END(4);

    private final byte code;

    RecordType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The type marked by {@code code}, or null for a byte no writer produces (a corrupt record). */
    public static RecordType of(byte code) {
        for (RecordType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
