package org.forkline.web.internal.error;

import java.util.List;
import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Turns every {@link WebApplicationException} (ours, and CXF's own 404 for unknown paths, 405, 406, 415) into the
 * JSON error body, keeping its status and headers such as {@code Allow}.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("forkline-web-application-exceptions")
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        String method = RequestDescription.method(request);
        String path = RequestDescription.path(uriInfo);
        if (status == 500) {
            return InternalErrors.report(exception, method, path);
        }
        Response.ResponseBuilder answer = Response.fromResponse(
                ErrorResponses.of(status, message(exception, status, method, path, original)));
        for (Map.Entry<String, List<String>> header : original.getStringHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
                    && !header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                header.getValue().forEach(value -> answer.header(header.getKey(), value));
            }
        }
        return answer.build();
    }

    /** The exception's own message, or a helpful one in place of JAX-RS's generic "HTTP 404 Not Found". */
    static String message(WebApplicationException exception, int status, String method, String path,
            Response original) {
        String message = exception.getMessage();
        boolean generic = message == null || message.isBlank()
                || message.equals("HTTP " + status + " " + original.getStatusInfo().getReasonPhrase());
        if (!generic) {
            return message;
        }
        return switch (status) {
            case 404 -> "no resource at " + path;
            case 405 -> method + " is not allowed on " + path;
            case 406 -> "none of the media types in the Accept header can be produced at " + path;
            case 415 -> "the request's Content-Type is not supported at " + path + ": send application/json";
            default -> ErrorResponses.reason(status);
        };
    }
}
