package org.forkline.api;

import java.util.List;

/** One page of search results, newest first, with the total number of matches. */
public record RecordingPage(List<Recording> items, long total, int offset, int limit) {

    public RecordingPage {
        items = List.copyOf(items);
    }
}
