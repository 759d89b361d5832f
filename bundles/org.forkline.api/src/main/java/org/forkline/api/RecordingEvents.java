package org.forkline.api;

/** EventAdmin topics and property names posted by the storage bundle. */
public final class RecordingEvents {

    public static final String TOPIC_PREFIX = "org/forkline/recording/";
    /** A new recording was created (its first leg admitted). */
    public static final String TOPIC_STARTED = TOPIC_PREFIX + "STARTED";
    /** The stereo file is in place and its row committed. */
    public static final String TOPIC_SEALED = TOPIC_PREFIX + "SEALED";
    /** Sealing failed; the journals are kept. */
    public static final String TOPIC_FAILED = TOPIC_PREFIX + "FAILED";

    /** Recording id as a String. */
    public static final String PROPERTY_RECORDING_ID = "recording.id";
    /** Id of the node that recorded it. */
    public static final String PROPERTY_NODE_ID = "node.id";

    private RecordingEvents() {
    }
}
