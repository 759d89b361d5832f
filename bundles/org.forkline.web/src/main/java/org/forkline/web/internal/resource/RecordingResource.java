package org.forkline.web.internal.resource;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import javax.ws.rs.ClientErrorException;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.ServiceUnavailableException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;

import org.forkline.api.Recording;
import org.forkline.api.RecordingState;
import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.api.storage.RecordingDeletion;
import org.forkline.api.storage.RecordingRepository;
import org.forkline.web.internal.audio.AudioResponder;
import org.forkline.web.internal.error.ErrorResponses;
import org.forkline.web.internal.json.JsonMapping;
import org.forkline.web.internal.json.RecordingJson;
import org.forkline.web.internal.json.RecordingPageJson;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/recordings}: search, details, the audio of sealed recordings (with Range), and deletion by admins.
 */
@Component(service = Object.class)
@JaxrsResource
@JaxrsName("forkline-recordings")
@JaxrsExtensionSelect({ApiExtensions.JSON, ApiExtensions.AUTHENTICATION})
@Path("v1/recordings")
public final class RecordingResource {

    private final RecordingRepository repository;
    private volatile RecordingDeletion deletion;

    @Activate
    public RecordingResource(@Reference RecordingRepository repository) {
        this.repository = repository;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetDeletion")
    public void setDeletion(RecordingDeletion deletion) {
        this.deletion = deletion;
    }

    public void unsetDeletion(RecordingDeletion gone) {
        if (deletion == gone) {
            deletion = null;
        }
    }

    /** Deletes a sealed recording on this node; the deletion replicates to the other nodes. Admins only. */
    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("id") String id) {
        UUID recordingId = RequestParameters.recordingId(id);
        RecordingDeletion current = deletion;
        if (current == null) {
            throw new ServiceUnavailableException("recordings cannot be deleted on this node right now");
        }
        try {
            if (!current.delete(recordingId)) {
                throw new NotFoundException("no recording with id " + recordingId);
            }
        } catch (IllegalStateException notSealed) {
            throw new ClientErrorException(notSealed.getMessage(), Response.Status.CONFLICT);
        }
        return Response.noContent().build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RecordingPageJson search(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("number") String number, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return JsonMapping.page(repository.search(RequestParameters.recordingQuery(from, to, number, offset, limit)));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public RecordingJson recording(@PathParam("id") String id) {
        return JsonMapping.recording(find(RequestParameters.recordingId(id)));
    }

    @GET
    @Path("{id}/audio")
    @Produces({"audio/ogg", "audio/wav", MediaType.APPLICATION_JSON})
    public Response audio(@PathParam("id") String id, @QueryParam("format") String format,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @Context Request request) throws IOException {
        return answerAudio(id, format, range, ifRange, request, false);
    }

    @HEAD
    @Path("{id}/audio")
    @Produces({"audio/ogg", "audio/wav", MediaType.APPLICATION_JSON})
    public Response audioHead(@PathParam("id") String id, @QueryParam("format") String format,
            @Context Request request) throws IOException {
        return answerAudio(id, format, null, null, request, true);
    }

    private Response answerAudio(String id, String formatText, String range, String ifRange, Request request,
            boolean head) throws IOException {
        UUID recordingId = RequestParameters.recordingId(id);
        AudioFormat format = RequestParameters.audioFormat(formatText);
        Recording recording = find(recordingId);
        if (recording.state() != RecordingState.SEALED) {
            throw new ClientErrorException("audio is available once the recording is sealed; state is "
                    + recording.state(), Response.Status.CONFLICT);
        }
        Optional<AudioContent> audio = repository.audio(recordingId, format);
        if (audio.isEmpty()) {
            throw new NotFoundException("recording " + recordingId + " has no audio any more");
        }
        AudioContent content = audio.get();
        EntityTag tag = AudioResponder.entityTag(recording.sha256(), content);
        if (tag != null && request != null) {
            Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
            if (notModified != null) {
                Response precondition = notModified.build();
                return precondition.getStatus() == Response.Status.NOT_MODIFIED.getStatusCode() ? precondition
                        : ErrorResponses.of(precondition.getStatus(),
                                "the audio does not match the entity tag of " + HttpHeaders.IF_MATCH);
            }
        }
        return AudioResponder.respond(recordingId, content, tag, range, ifRange, head);
    }

    private Recording find(UUID id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("no recording with id " + id));
    }
}
