package org.forkline.storage.internal.audio;

/** Checks a requested byte range against a content length. */
final class ByteRange {

    private ByteRange() {
    }

    static void check(long offset, long count, long length) {
        if (offset < 0 || count < 0 || offset > length || count > length - offset) {
            throw new IllegalArgumentException("range " + offset + "+" + count + " is outside 0.." + length);
        }
    }
}
