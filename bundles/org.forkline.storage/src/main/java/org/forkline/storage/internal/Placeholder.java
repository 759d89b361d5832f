package org.forkline.storage.internal;

/** Placeholder until the bundle is implemented. */
final class Placeholder {
    private Placeholder() {
    }
}
