package org.forkline.sip.internal;

/** Placeholder until the bundle is implemented. */
final class Placeholder {
    private Placeholder() {
    }
}
