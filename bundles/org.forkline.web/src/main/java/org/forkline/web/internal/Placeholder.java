package org.forkline.web.internal;

/** Placeholder until the bundle is implemented. */
final class Placeholder {
    private Placeholder() {
    }
}
