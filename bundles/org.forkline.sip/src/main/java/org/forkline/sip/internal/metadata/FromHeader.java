package org.forkline.sip.internal.metadata;

import java.util.Map;

/**
 * A From (or To) header taken apart.
 *
 * @param displayName   unquoted display name, or null
 * @param user          user part of the URI (percent-decoded, without user parameters), or null
 * @param uriParameters URI parameters, names in lower case, values percent-decoded, flags as empty strings;
 *                      in insertion order, the first occurrence of a name wins
 * @param tag           the header's tag parameter, or null
 */
public record FromHeader(String displayName, String user, Map<String, String> uriParameters, String tag) {
}
