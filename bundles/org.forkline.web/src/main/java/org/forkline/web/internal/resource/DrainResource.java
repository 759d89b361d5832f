package org.forkline.web.internal.resource;

import javax.ws.rs.Consumes;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.forkline.api.node.NodeStatusService;
import org.forkline.web.internal.json.DrainUpdate;
import org.forkline.web.internal.json.HealthDetailsJson;
import org.forkline.web.internal.json.JsonMapping;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code PUT /api/v1/drain}: maintenance drain on or off (admin); answers the resulting health. */
@Component(service = Object.class)
@JaxrsResource
@JaxrsName("forkline-drain")
@JaxrsExtensionSelect({ApiExtensions.JSON, ApiExtensions.AUTHENTICATION})
@Path("v1/drain")
@Produces(MediaType.APPLICATION_JSON)
public final class DrainResource {

    private final NodeStatusService nodeStatus;

    @Activate
    public DrainResource(@Reference NodeStatusService nodeStatus) {
        this.nodeStatus = nodeStatus;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public HealthDetailsJson drain(DrainUpdate update) {
        if (update == null || update.drained == null) {
            throw new IllegalArgumentException("send {\"drained\": true} to drain or {\"drained\": false} to resume");
        }
        nodeStatus.setDrained(update.drained);
        return JsonMapping.healthDetails(nodeStatus.status());
    }
}
