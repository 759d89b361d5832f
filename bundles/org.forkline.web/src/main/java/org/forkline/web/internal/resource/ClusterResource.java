package org.forkline.web.internal.resource;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.forkline.api.cluster.ClusterService;
import org.forkline.api.replication.ReplicationStatusService;
import org.forkline.web.internal.json.ClusterJson;
import org.forkline.web.internal.json.ClusterMapping;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/cluster}: the nodes, their configured roles, up or down, last seen, the jobs leader, problems,
 * and replication per peer when the replication bundle is there (viewers and admins).
 */
@Component(service = Object.class)
@JaxrsResource
@JaxrsName("forkline-cluster")
@JaxrsExtensionSelect({ApiExtensions.JSON, ApiExtensions.AUTHENTICATION})
@Path("v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
public final class ClusterResource {

    private final ClusterService cluster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReplicationStatusService replication;

    @Activate
    public ClusterResource(@Reference ClusterService cluster) {
        this.cluster = cluster;
    }

    /** For tests outside OSGi. */
    public ClusterResource(ClusterService cluster, ReplicationStatusService replication) {
        this(cluster);
        this.replication = replication;
    }

    @GET
    public ClusterJson cluster() {
        ReplicationStatusService current = replication;
        return ClusterMapping.cluster(cluster.state(), current == null ? null : current.status());
    }
}
