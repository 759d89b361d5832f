package org.forkline.sip.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.forkline.api.handover.Handover;
import org.forkline.api.media.MediaService;
import org.forkline.api.node.NodeStatus;
import org.forkline.api.node.NodeStatusService;
import org.forkline.api.storage.RecordingService;
import org.forkline.api.storage.RecordingUserService;
import org.forkline.api.storage.StorageStatus;
import org.forkline.sip.internal.call.CallServer;
import org.forkline.sip.internal.call.CallServices;
import org.forkline.sip.internal.call.CallTimings;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP side of a node: listens for CUCM's recording INVITEs and OPTIONS pings, and reports the node status
 * with its maintenance drain switch. Most settings apply live; a new address, port or transport list re-binds
 * (the legs up at that moment are ended, as on a restart).
 */
@Component(service = NodeStatusService.class, immediate = true,
        configurationPid = {"org.forkline.sip", "org.forkline.node"})
public final class SipComponent implements NodeStatusService {

    /**
     * The settings of PID org.forkline.sip plus nodeId of PID org.forkline.node. The OCD designates itself
     * ({@code pid}) because bnd refuses {@code @Designate} on a component with two configuration PIDs.
     */
    @ObjectClassDefinition(pid = "org.forkline.sip", name = "Forkline SIP",
            description = "SIP listener for CUCM media forking: binding, trusted peers, admission and answer codes")
    public @interface Config {

        @AttributeDefinition(name = "Address", description = "IP address to bind SIP to (UDP and TCP); "
                + "0.0.0.0 for all")
        String address() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "SIP port (UDP and TCP)")
        int port() default 5060;

        @AttributeDefinition(name = "Transports", description = "udp, tcp, or both separated by a comma")
        String transports() default "udp,tcp";

        @AttributeDefinition(name = "Advertised address", required = false,
                description = "Address for Contact headers when it differs from the bind address; empty: address")
        String advertisedAddress() default "";

        @AttributeDefinition(name = "Trusted peers", description = "Addresses or CIDR blocks allowed to send "
                + "SIP, separated by commas: every CUCM node of the trunk")
        String trustedPeers() default "127.0.0.1/32, ::1/128";

        @AttributeDefinition(name = "Channel limit", description = "Maximum concurrent recorded calls "
                + "(near and far leg together); the next call is answered code.channelLimit")
        int channelLimit() default 100;

        @AttributeDefinition(name = "Record unknown numbers", description = "true: record every call, even when "
                + "its near-end number is not a recording user")
        boolean recordUnknownNumbers() default false;

        @AttributeDefinition(name = "Code: untrusted peer", description = "Answer to a source not in trustedPeers")
        int code_untrusted() default 403;

        @AttributeDefinition(name = "Code: unknown user", description = "Answer when the near-end number is not "
                + "an enabled recording user (404 stops CUCM's route list)")
        int code_unknownUser() default 404;

        @AttributeDefinition(name = "Code: channel limit", description = "Answer when channelLimit is reached "
                + "(486 stops CUCM's route list)")
        int code_channelLimit() default 486;

        @AttributeDefinition(name = "Code: unavailable", description = "Answer to INVITE and OPTIONS when this "
                + "node cannot record (503 makes CUCM try the backup)")
        int code_unavailable() default 503;

        @AttributeDefinition(name = "Retry-After", description = "Seconds in Retry-After with code.unavailable; "
                + "0 sends none")
        int retryAfterSeconds() default 30;

        @AttributeDefinition(name = "Session-Expires", description = "Session timer (RFC 4028) granted to CUCM, "
                + "in seconds; a leg not refreshed in time is ended with a BYE")
        int sessionExpiresSeconds() default 1800;

        @AttributeDefinition(name = "Min-SE", description = "Smallest session timer accepted, in seconds "
                + "(90 or more)")
        int minSessionExpiresSeconds() default 90;

        @AttributeDefinition(name = "Node id", description = "Id of this node (PID org.forkline.node): 1 to 64 "
                + "letters, digits, '.', '_' or '-'")
        String nodeId() default "node1";
    }

    private static final Logger LOG = LoggerFactory.getLogger(SipComponent.class);
    private static final String DRAIN_FILE = "drained";

    private final CallServices services;
    private final DrainSwitch drain;
    private final CallServer server;
    private final Bundle systemBundle;
    private volatile SipSettings settings;

    /** Keeps the calls across a restart of this bundle or of media and storage; updating it restarts nothing. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Handover handover;

    /** Constructs; {@link #activate} starts SIP once the handover reference is bound. */
    @Activate
    public SipComponent(@Reference MediaService media, @Reference RecordingService recordings,
            @Reference RecordingUserService users, @Reference StorageStatus storage, BundleContext context,
            Config config) {
        this(new CallServices(media, recordings, users, storage), drainFile(context), config, Map.of(),
                CallTimings.STANDARD, null, context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION));
    }

    /**
     * Starts SIP at once (tests).
     *
     * @param drainFile      where the drain flag is persisted, or null
     * @param stackOverrides JAIN-SIP RI properties to override (tests)
     * @param timings        ACK and session timer constants (tests shorten them)
     */
    SipComponent(CallServices services, Path drainFile, Config config, Map<String, String> stackOverrides,
            CallTimings timings) {
        this(services, drainFile, config, stackOverrides, timings, null, null);
        activate();
    }

    /** Starts SIP at once, taking over what the previous instance parked in {@code handover} (tests). */
    SipComponent(CallServices services, Path drainFile, Config config, Map<String, String> stackOverrides,
            CallTimings timings, Handover handover) {
        this(services, drainFile, config, stackOverrides, timings, handover, null);
        activate();
    }

    private SipComponent(CallServices services, Path drainFile, Config config, Map<String, String> stackOverrides,
            CallTimings timings, Handover handover, Bundle systemBundle) {
        this.services = services;
        this.settings = validated(config);
        this.drain = new DrainSwitch(drainFile);
        this.server = new CallServer(services, () -> settings, this::status, stackOverrides, timings);
        this.handover = handover;
        this.systemBundle = systemBundle;
        warnAboutPeers(settings);
    }

    /** Starts answering: on the endpoint and with the calls of the previous activation when it parked them. */
    @Activate
    void activate() {
        server.start(settings, handover);
    }

    @Modified
    void modified(Config config) {
        SipSettings next;
        try {
            next = SipSettings.from(config);
        } catch (InvalidSettingException e) {
            LOG.error("{}. Keeping the previous SIP settings until it is fixed.", e.getMessage());
            return;
        }
        SipSettings previous = settings;
        settings = next;
        warnAboutPeers(next);
        if (previous.sameBinding(next) && server.listenProblem().isEmpty()) {
            LOG.info("SIP settings updated: trustedPeers {}, channelLimit {}, recordUnknownNumbers {}, codes {}",
                    next.trustedPeers(), next.channelLimit(), next.recordUnknownNumbers(), next.codes());
            return;
        }
        LOG.warn("SIP binding {} -> {}: ending the {} legs up now and (re-)binding", previous.binding(),
                next.binding(), server.activeLegs());
        server.stop();
        server.start(next, handover);
    }

    /**
     * A restart of this bundle, or of a bundle it needs (media, storage), parks the calls for the next activation
     * when the handover service is there; a framework shutdown or a disabled component ends them.
     */
    @Deactivate
    void deactivate(int reason) {
        Handover desk = handover;
        boolean frameworkStopping = systemBundle != null && systemBundle.getState() == Bundle.STOPPING;
        boolean restart = reason == ComponentConstants.DEACTIVATION_REASON_REFERENCE
                || reason == ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED;
        if (desk != null && restart && !frameworkStopping) {
            server.parkAndClose(desk);
        } else {
            server.close();
        }
    }

    /** Ends every call and stops (tests; what a framework shutdown does). */
    void shutdown() {
        server.close();
    }

    /** Parks the calls as a bundle restart does (tests). */
    void deactivateForRestart() {
        deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
    }

    @Override
    public NodeStatus status() {
        return NodeStatusReport.build(settings, services, drain.isDrained(), server.activeCalls(),
                server.activeLegs(), server.listenProblem());
    }

    @Override
    public void setDrained(boolean drained) {
        drain.set(drained);
    }

    /** Legs tracked in any state: 0 whenever no call is up (no leak). */
    int trackedLegs() {
        return server.trackedLegs();
    }

    private static SipSettings validated(Config config) {
        try {
            return SipSettings.from(config);
        } catch (InvalidSettingException e) {
            LOG.error("{}. SIP does not start until it is fixed.", e.getMessage());
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void warnAboutPeers(SipSettings config) {
        if (config.trustedPeers().isEmpty()) {
            LOG.warn("trustedPeers in etc/org.forkline.sip.cfg is empty: every SIP request is refused with {}",
                    config.codes().untrusted());
        }
    }

    private static Path drainFile(BundleContext context) {
        File file = context.getDataFile(DRAIN_FILE);
        return file == null ? null : file.toPath();
    }
}
