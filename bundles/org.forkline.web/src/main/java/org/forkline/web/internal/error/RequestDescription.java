package org.forkline.web.internal.error;

import javax.ws.rs.core.Request;
import javax.ws.rs.core.UriInfo;

/** "GET /api/v1/..." of the current request for messages and log lines, tolerant of missing context. */
final class RequestDescription {

    private RequestDescription() {
    }

    static String path(UriInfo uriInfo) {
        try {
            return uriInfo == null ? "this path" : uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException outsideRequest) {
            return "this path";
        }
    }

    static String method(Request request) {
        try {
            return request == null ? "?" : request.getMethod();
        } catch (RuntimeException outsideRequest) {
            return "?";
        }
    }
}
