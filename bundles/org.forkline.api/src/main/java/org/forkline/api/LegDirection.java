package org.forkline.api;

/** Which party's voice a forked leg carries: CUCM's {@code x-nearend} (the recorded device) or {@code x-farend}. */
public enum LegDirection {
    NEAR,
    FAR
}
