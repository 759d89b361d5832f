package org.forkline.api;

/**
 * One side of a recorded call as CUCM describes it.
 *
 * @param number      directory number or E.164 number ({@code x-nearendaddr}/{@code x-farendaddr}), may be null
 * @param device      device name, e.g. {@code SEP6C416A369525} or a trunk name, may be null
 * @param displayName display name when known (the From display name for the near end), may be null
 */
public record Party(String number, String device, String displayName) {

    public static final Party UNKNOWN = new Party(null, null, null);
}
