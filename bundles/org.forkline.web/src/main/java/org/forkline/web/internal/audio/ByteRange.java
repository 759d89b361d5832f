package org.forkline.web.internal.audio;

/**
 * What a request's {@code Range} header means for content of a known length (RFC 7233, a single byte range).
 * Multiple ranges, other units and malformed headers are served in full, which RFC 7233 allows.
 */
public sealed interface ByteRange {

    /** Serve everything with 200. */
    record Full() implements ByteRange {
    }

    /** Serve bytes {@code first} to {@code last} inclusive with 206. */
    record Partial(long first, long last) implements ByteRange {

        public long count() {
            return last - first + 1;
        }

        /** The value of {@code Content-Range}. */
        public String contentRange(long totalLength) {
            return "bytes " + first + "-" + last + "/" + totalLength;
        }
    }

    /** No byte of the range exists: answer 416 with a {@code Content-Range} that gives the length. */
    record Unsatisfiable() implements ByteRange {
    }

    /**
     * Resolves a {@code Range} header value.
     *
     * @param header the header, may be null
     * @param length the content length in bytes
     */
    static ByteRange parse(String header, long length) {
        if (header == null) {
            return new Full();
        }
        String value = header.trim();
        String unit = "bytes=";
        if (!value.regionMatches(true, 0, unit, 0, unit.length())) {
            return new Full();
        }
        String spec = value.substring(unit.length()).trim();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return new Full();
        }
        String firstText = spec.substring(0, dash).trim();
        String lastText = spec.substring(dash + 1).trim();
        if (firstText.isEmpty()) {
            return suffix(lastText, length);
        }
        long first = number(firstText);
        long last = lastText.isEmpty() ? Long.MAX_VALUE : number(lastText);
        if (first < 0 || last < 0 || last < first) {
            return new Full();
        }
        if (first >= length) {
            return new Unsatisfiable();
        }
        return new Partial(first, Math.min(last, length - 1));
    }

    private static ByteRange suffix(String countText, long length) {
        long count = number(countText);
        if (count < 0) {
            return new Full();
        }
        if (count == 0 || length == 0) {
            return new Unsatisfiable();
        }
        return new Partial(Math.max(0, length - count), length - 1);
    }

    /** The decimal value (capped at Long.MAX_VALUE), or -1 when the text is not a plain non-negative number. */
    private static long number(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }
}
