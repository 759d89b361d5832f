package org.forkline.sip.internal.call;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.forkline.api.node.NodeStatus;
import org.forkline.sip.internal.SipSettings;
import org.forkline.sip.internal.peer.WarningThrottle;

/**
 * What the request handlers of one running endpoint share.
 *
 * @param settings the current settings (changed live by the component)
 * @param status   the node status (can record, problems)
 * @param stopping true once the endpoint is shutting down: new INVITEs are refused
 * @param throttle rate limit of repeated warnings per source
 */
record CallContext(CallServices services, Supplier<SipSettings> settings, Supplier<NodeStatus> status,
        LegRegistry registry, Signalling signalling, LegTerminator terminator, LegTimers timers,
        BooleanSupplier stopping, WarningThrottle throttle) {
}
