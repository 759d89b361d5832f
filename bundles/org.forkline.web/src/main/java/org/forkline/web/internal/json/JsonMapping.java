package org.forkline.web.internal.json;

import java.time.Instant;
import java.util.List;

import org.forkline.api.MediaStats;
import org.forkline.api.Party;
import org.forkline.api.Recording;
import org.forkline.api.RecordingLeg;
import org.forkline.api.RecordingPage;
import org.forkline.api.RecordingUser;
import org.forkline.api.media.MediaStatistics;
import org.forkline.api.node.NodeStatus;
import org.forkline.api.storage.StorageHealth;

/** Maps the API records to the JSON records of the REST API (the JSON provider has no java.time support). */
public final class JsonMapping {

    /** Where the resources are served; audio URLs are built from it. */
    public static final String API_BASE = "/api/v1";

    private JsonMapping() {
    }

    public static RecordingPageJson page(RecordingPage page) {
        return new RecordingPageJson(page.items().stream().map(JsonMapping::recording).toList(),
                page.total(), page.offset(), page.limit());
    }

    public static RecordingJson recording(Recording r) {
        List<LegJson> legs = r.legs().stream().map(JsonMapping::leg).toList();
        return new RecordingJson(text(r.id()), text(r.state()), instant(r.startedAt()), instant(r.endedAt()),
                r.durationMillis(), party(r.near()), party(r.far()), r.clusterId(), r.refci(), r.codec(), r.nodeId(),
                r.recovered(), r.orphan(), r.sizeBytes(), r.sha256(), audioUrl(r), legs);
    }

    public static String audioUrl(Recording r) {
        return API_BASE + "/recordings/" + r.id() + "/audio";
    }

    public static LegJson leg(RecordingLeg leg) {
        return new LegJson(text(leg.id()), text(leg.direction()), leg.sipCallId(), instant(leg.startedAt()),
                instant(leg.endedAt()), leg.codec(), leg.remoteAddress(), leg.endReason(), stats(leg.stats()));
    }

    public static StatsJson stats(MediaStats s) {
        MediaStats v = s == null ? MediaStats.EMPTY : s;
        return new StatsJson(v.packetsReceived(), v.packetsLost(), v.packetsDuplicate(), v.packetsLate(),
                v.packetsUnexpectedSource(), v.packetsMalformed(), v.packetsEvents(), v.packetsComfortNoise(),
                v.ssrcChanges());
    }

    public static PartyJson party(Party p) {
        Party v = p == null ? Party.UNKNOWN : p;
        return new PartyJson(v.number(), v.device(), v.displayName());
    }

    public static UserJson user(RecordingUser u) {
        return new UserJson(u.number(), u.displayName(), u.enabled());
    }

    /** UP when the node accepts new calls, DOWN otherwise (answered 503 so that a load balancer skips it). */
    public static String healthStatus(NodeStatus status) {
        return status.canRecord() ? "UP" : "DOWN";
    }

    public static HealthJson health(NodeStatus s) {
        return new HealthJson(s.nodeId(), healthStatus(s), s.canRecord(), s.drained());
    }

    public static HealthDetailsJson healthDetails(NodeStatus s) {
        return new HealthDetailsJson(s.nodeId(), healthStatus(s), s.canRecord(), s.drained(), s.problems(),
                s.activeCalls(), s.activeLegs(), s.channelLimit(), storage(s.storage()), media(s.media()));
    }

    public static StorageJson storage(StorageHealth h) {
        if (h == null) {
            return null;
        }
        return new StorageJson(h.freeBytes(), h.minFreeBytes(), h.writable(), h.databaseAvailable(),
                h.activeRecordings(), h.sealingBacklog());
    }

    public static MediaJson media(MediaStatistics m) {
        if (m == null) {
            return null;
        }
        MediaStats t = m.totals() == null ? MediaStats.EMPTY : m.totals();
        return new MediaJson(m.activeSessions(), m.portsInUse(), m.portsTotal(), t.packetsReceived(),
                t.packetsLost(), t.packetsDuplicate(), t.packetsLate(), t.packetsUnexpectedSource(),
                t.packetsMalformed(), t.packetsEvents(), t.packetsComfortNoise());
    }

    static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
