package org.forkline.web.internal.error;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.Response.StatusType;

/** Builds the JSON error answers, so that every error has the same shape. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response of(StatusType status, String message) {
        return of(status.getStatusCode(), message);
    }

    public static Response of(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status, message))
                .build();
    }

    public static ErrorBody body(int status, String message) {
        return new ErrorBody(reason(status), message == null ? reason(status) : message, status);
    }

    /** The standard reason phrase, or a generic one for codes JAX-RS does not know. */
    public static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (Response.Status.Family.familyOf(status)) {
            case CLIENT_ERROR -> "Client Error";
            case SERVER_ERROR -> "Server Error";
            default -> "HTTP " + status;
        };
    }
}
