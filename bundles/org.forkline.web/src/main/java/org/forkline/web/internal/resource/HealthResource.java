package org.forkline.web.internal.resource;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.forkline.api.node.NodeStatus;
import org.forkline.api.node.NodeStatusService;
import org.forkline.web.internal.json.JsonMapping;
import org.forkline.web.internal.security.AccessPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/health}: open to everybody (200 when the node can record, 503 when not, for load balancers);
 * a logged-in viewer also gets the counters.
 */
@Component(service = Object.class)
@JaxrsResource
@JaxrsName("forkline-health")
@JaxrsExtensionSelect({ApiExtensions.JSON, ApiExtensions.AUTHENTICATION})
@Path("v1/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final NodeStatusService nodeStatus;
    private final AccessPolicy policy;

    @Activate
    public HealthResource(@Reference NodeStatusService nodeStatus, @Reference AccessPolicy policy) {
        this.nodeStatus = nodeStatus;
        this.policy = policy;
    }

    @GET
    @PermitAll
    public Response health(@Context SecurityContext security) {
        NodeStatus status = nodeStatus.status();
        boolean viewer = security != null && security.getUserPrincipal() != null
                && policy.rules().canView(security::isUserInRole);
        Object body = viewer ? JsonMapping.healthDetails(status) : JsonMapping.health(status);
        return Response.status(status.canRecord() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(body)
                .build();
    }
}
