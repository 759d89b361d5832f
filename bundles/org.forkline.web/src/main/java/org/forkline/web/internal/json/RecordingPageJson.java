package org.forkline.web.internal.json;

import java.util.List;

/** One page of search results. */
public record RecordingPageJson(List<RecordingJson> items, long total, int offset, int limit) {
}
