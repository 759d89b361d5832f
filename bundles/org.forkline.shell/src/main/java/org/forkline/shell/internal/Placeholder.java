package org.forkline.shell.internal;

/** Placeholder until the bundle is implemented. */
final class Placeholder {
    private Placeholder() {
    }
}
