package org.forkline.ha.internal;

import java.time.Instant;
import java.util.Hashtable;

import org.forkline.api.cluster.JobsLeadership;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Registers {@link JobsLeadership} while this node leads; used only from the cluster thread. */
final class Leadership {

    private record Leader(String nodeId, Instant since) implements JobsLeadership {
    }

    private final BundleContext context;
    private final String nodeId;
    private ServiceRegistration<JobsLeadership> registration;
    private boolean closed;

    /** @param context null in unit tests: nothing is registered */
    Leadership(BundleContext context, String nodeId) {
        this.context = context;
        this.nodeId = nodeId;
    }

    void set(boolean leading, Instant since) {
        if (leading && registration == null && !closed && context != null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("forkline.node.id", nodeId);
            registration = context.registerService(JobsLeadership.class,
                    new Leader(nodeId, since == null ? Instant.now() : since), properties);
        } else if (!leading && registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it already
            }
            registration = null;
        }
    }

    /** Unregisters for good: the component is going away. */
    void close() {
        set(false, null);
        closed = true;
    }
}
