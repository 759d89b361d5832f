package org.forkline.itests.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One forked dialog of a {@link CucmCall}: the same {@code x-} values with the {@code x-nearend} or
 * {@code x-farend} flag, and its own Cisco-Guid and Session-ID, as CUCM sends them.
 */
public record CucmLeg(CucmCall call, boolean nearEnd) {

    /** {@code x-nearend} or {@code x-farend}: the bare flag that comes first in the From URI. */
    public String flag() {
        return nearEnd ? "x-nearend" : "x-farend";
    }

    /** The URI parameters CUCM puts into the From header, in CUCM's order. */
    public String fromUriParameters() {
        return flag()
                + ";x-refci=" + call.refci()
                + ";x-nearendclusterid=" + call.clusterId()
                + ";x-nearenddevice=" + call.nearDevice()
                + ";x-nearendaddr=" + call.nearNumber()
                + ";x-farendrefci=" + call.farRefci()
                + ";x-farendclusterid=" + call.clusterId()
                + ";x-farenddevice=" + call.farDevice()
                + ";x-farendaddr=" + call.farNumber();
    }

    /** Cisco-Guid: four decimal groups; the third one differs between the two legs, as in the trace. */
    public String ciscoGuid() {
        long seed = Math.abs((long) call.refci().hashCode());
        return String.format(Locale.ROOT, "%010d-%010d-%010d-%010d", seed % 4_000_000_000L, 65536L,
                nearEnd ? 22 : 23, (seed * 31) % 4_000_000_000L);
    }

    /** Session-ID: 32 hex characters, different per leg. */
    public String sessionId() {
        return String.format(Locale.ROOT, "%016x%016x", (long) call.refci().hashCode() * 1_000_003L,
                nearEnd ? 0x6c416a369525L : 0x38ed18552a12L);
    }

    /** The values the SIPp scenarios take as {@code -key name value}. */
    public Map<String, String> sippKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("flag", flag());
        keys.put("refci", call.refci());
        keys.put("cluster", call.clusterId());
        keys.put("near_num", call.nearNumber());
        keys.put("display", call.nearDisplayName());
        keys.put("near_dev", call.nearDevice());
        keys.put("far_refci", call.farRefci());
        keys.put("far_num", call.farNumber());
        keys.put("far_dev", call.farDevice());
        keys.put("recorder", call.recorderUser());
        keys.put("cisco_guid", ciscoGuid());
        keys.put("session_id", sessionId());
        return keys;
    }
}
