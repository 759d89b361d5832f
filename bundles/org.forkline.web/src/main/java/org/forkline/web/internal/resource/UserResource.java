package org.forkline.web.internal.resource;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.forkline.api.RecordingUser;
import org.forkline.api.storage.RecordingUserService;
import org.forkline.web.internal.json.JsonMapping;
import org.forkline.web.internal.json.UserJson;
import org.forkline.web.internal.json.UserUpdate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/v1/users}: the recorded lines; list (viewer), create or replace and delete (admin). */
@Component(service = Object.class)
@JaxrsResource
@JaxrsName("forkline-users")
@JaxrsExtensionSelect({ApiExtensions.JSON, ApiExtensions.AUTHENTICATION})
@Path("v1/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UserResource {

    private final RecordingUserService users;

    @Activate
    public UserResource(@Reference RecordingUserService users) {
        this.users = users;
    }

    @GET
    public List<UserJson> list() {
        return users.list().stream().map(JsonMapping::user).toList();
    }

    /** Creates (201) or replaces (200) the user with this number. */
    @PUT
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("number") String number, UserUpdate update, @Context UriInfo uriInfo) {
        String checked = RequestParameters.userNumber("number", number);
        if (update == null) {
            throw new IllegalArgumentException(
                    "send a JSON body such as {\"displayName\": \"Front desk\", \"enabled\": true}");
        }
        RecordingUser user = new RecordingUser(checked, blankToNull(update.displayName),
                update.enabled == null || update.enabled);
        boolean existed = users.find(checked).isPresent();
        users.save(user);
        UserJson body = JsonMapping.user(user);
        if (existed) {
            return Response.ok(body).build();
        }
        return Response.created(uriInfo.getAbsolutePath()).entity(body).build();
    }

    @DELETE
    @Path("{number}")
    public Response delete(@PathParam("number") String number) {
        String checked = RequestParameters.userNumber("number", number);
        if (!users.remove(checked)) {
            throw new NotFoundException("no recording user with number " + checked);
        }
        return Response.noContent().build();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
