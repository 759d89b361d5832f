package org.forkline.web.internal.error;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** Bad parameters or bodies (validated by the resources and the API records) are answered 400 with the reason. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("forkline-illegal-argument")
public final class IllegalArgumentExceptionMapper implements ExceptionMapper<IllegalArgumentException> {

    @Override
    public Response toResponse(IllegalArgumentException exception) {
        return ErrorResponses.of(Response.Status.BAD_REQUEST, exception.getMessage());
    }
}
