package org.forkline.sip.internal.metadata;

import java.util.LinkedHashMap;
import java.util.Map;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.Party;

/**
 * Turns a parsed From header into the {@link LegMetadata} of a leg, refusing values that are unsafe to store or
 * show (control characters, overlong values). A From without {@code x-} parameters is a plain near-end leg.
 */
public final class LegMetadataReader {

    /** Longest value we store for one parameter, display name or user. */
    public static final int MAX_VALUE_LENGTH = 256;
    /** CUCM sends at most 16; anything far above is not CUCM metadata. */
    static final int MAX_PARAMETERS = 64;

    private LegMetadataReader() {
    }

    public static LegMetadata read(FromHeader from, String callId) throws MetadataException {
        check("From display name", from.displayName());
        check("From user", from.user());
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : from.uriParameters().entrySet()) {
            if (parameter.getKey().startsWith("x-")) {
                check(parameter.getKey(), parameter.getKey());
                check(parameter.getKey(), parameter.getValue());
                parameters.put(parameter.getKey(), parameter.getValue());
            }
        }
        if (parameters.size() > MAX_PARAMETERS) {
            throw new MetadataException("From header has " + parameters.size() + " x- parameters, more than "
                    + MAX_PARAMETERS);
        }
        boolean near = parameters.containsKey("x-nearend");
        boolean far = parameters.containsKey("x-farend");
        if (near && far) {
            throw new MetadataException("From header carries both x-nearend and x-farend");
        }
        String nearNumber = value(parameters, "x-nearendaddr");
        Party nearParty = new Party(nearNumber != null ? nearNumber : from.user(),
                value(parameters, "x-nearenddevice"), from.displayName());
        String farNumber = value(parameters, "x-farendaddr");
        String farDevice = value(parameters, "x-farenddevice");
        Party farParty = farNumber == null && farDevice == null ? null : new Party(farNumber, farDevice, null);
        return new LegMetadata(far ? LegDirection.FAR : LegDirection.NEAR,
                value(parameters, "x-nearendclusterid"),
                value(parameters, "x-refci"),
                nearParty,
                farParty,
                value(parameters, "x-farendrefci"),
                value(parameters, "x-farendclusterid"),
                value(parameters, "x-nearendguid"),
                value(parameters, "x-farendguid"),
                callId,
                parameters);
    }

    private static String value(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static void check(String what, String value) throws MetadataException {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new MetadataException(what + " is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new MetadataException(what + " contains a control character (code " + (int) c + ")");
            }
        }
    }
}
