package org.forkline.web.internal.json;

/** A party of a call as JSON. */
public record PartyJson(String number, String device, String displayName) {
}
