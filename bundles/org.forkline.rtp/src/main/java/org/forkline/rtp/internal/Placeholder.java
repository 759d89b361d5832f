package org.forkline.rtp.internal;

/** Placeholder until the bundle is implemented. */
final class Placeholder {
    private Placeholder() {
    }
}
