package org.forkline.web.internal.error;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.core.Context;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Everything not mapped otherwise: a request body the JSON reader rejected is the client's fault (400); anything
 * else is a 500 with a reference id, logged with its stack trace, which never reaches the client.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("forkline-unexpected-exceptions")
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    // We do not import Jackson: its parse and binding errors are recognised by their package. These two mean
    // that our own types cannot be (de)serialised or that writing failed: a bug of ours, not of the client.
    private static final String JACKSON_PACKAGE = "com.fasterxml.jackson.";
    private static final Set<String> JACKSON_SERVER_ERRORS = Set.of("InvalidDefinitionException",
            "JsonGenerationException");

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Override
    public Response toResponse(Throwable exception) {
        Optional<Throwable> jsonProblem = jsonProblem(exception);
        if (jsonProblem.isPresent()) {
            return ErrorResponses.of(Response.Status.BAD_REQUEST,
                    "the request body is not the expected JSON: " + firstLine(jsonProblem.get().getMessage()));
        }
        return InternalErrors.report(exception, RequestDescription.method(request), RequestDescription.path(uriInfo));
    }

    static Optional<Throwable> jsonProblem(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException && cause.getClass().getName().startsWith(JACKSON_PACKAGE)) {
                return JACKSON_SERVER_ERRORS.contains(cause.getClass().getSimpleName()) ? Optional.empty()
                        : Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        // Jackson names the Java types it wanted; the client needs the field and the value, not our classes.
        return line.replaceAll("\\s*\\(class [^)]*\\)", "")
                .replaceAll(" of type `[^`]*`", "")
                .trim();
    }
}
