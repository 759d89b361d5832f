package org.forkline.web.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

class ErrorMappingTest {

    @Test
    void everyErrorBodyHasReasonMessageAndStatus() {
        Response response = ErrorResponses.of(Response.Status.CONFLICT, "state is ACTIVE");

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getMediaType().toString()).isEqualTo("application/json");
        assertThat(response.getEntity()).isEqualTo(new ErrorBody("Conflict", "state is ACTIVE", 409));
    }

    @Test
    void unknownCodesGetAFamilyReason() {
        assertThat(ErrorResponses.reason(422)).isEqualTo("Client Error");
        assertThat(ErrorResponses.reason(599)).isEqualTo("Server Error");
        assertThat(ErrorResponses.reason(416)).isEqualTo("Requested Range Not Satisfiable");
        assertThat(ErrorResponses.body(404, null).message()).isEqualTo("Not Found");
    }

    @Test
    void aWebApplicationExceptionKeepsItsStatusMessageAndHeaders() {
        Response response = new WebApplicationExceptionMapper().toResponse(
                new WebApplicationException("storage is read-only", Response.status(503).header("Retry-After", "30")
                        .build()));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
        assertThat(response.getEntity()).isEqualTo(new ErrorBody("Service Unavailable", "storage is read-only", 503));
    }

    @Test
    void genericMessagesOfTheRuntimeAreReplacedByHelpfulOnes() {
        NotFoundException notFound = new NotFoundException();
        NotAllowedException notAllowed = new NotAllowedException("GET");

        assertThat(WebApplicationExceptionMapper.message(notFound, 404, "GET", "/api/v2/x", notFound.getResponse()))
                .isEqualTo("no resource at /api/v2/x");
        assertThat(WebApplicationExceptionMapper.message(notAllowed, 405, "POST", "/api/v1/health",
                notAllowed.getResponse())).isEqualTo("POST is not allowed on /api/v1/health");
        assertThat(WebApplicationExceptionMapper.message(new NotFoundException("no recording with id x"), 404, "GET",
                "/p", notFound.getResponse())).isEqualTo("no recording with id x");
    }

    @Test
    void aServerErrorFromTheRuntimeBecomesAReferencedInternalError() {
        Response response = new WebApplicationExceptionMapper().toResponse(
                new WebApplicationException("no writer for class Foo", 500));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((ErrorBody) response.getEntity()).message()).startsWith("internal error, reference ")
                .doesNotContain("Foo");
    }

    @Test
    void illegalArgumentsAreBadRequests() {
        Response response = new IllegalArgumentExceptionMapper().toResponse(new IllegalArgumentException("limit"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getEntity()).isEqualTo(new ErrorBody("Bad Request", "limit", 400));
    }

    @Test
    void unexpectedExceptionsAre500WithAReferenceButNoDetail() {
        Response response = new UnexpectedExceptionMapper().toResponse(new NullPointerException("secret detail"));

        assertThat(response.getStatus()).isEqualTo(500);
        ErrorBody body = (ErrorBody) response.getEntity();
        assertThat(body.message()).matches("internal error, reference [0-9a-f]{12}: the log of this node has the "
                + "details");
        assertThat(body.message()).doesNotContain("secret detail", "NullPointer");
    }

    @Test
    void referencesDiffer() {
        assertThat(InternalErrors.newReference()).hasSize(12).isNotEqualTo(InternalErrors.newReference());
    }

    @Test
    void onlyJacksonsIoExceptionsCountAsBadJsonEvenWhenWrapped() {
        IOException jackson = new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character");

        assertThat(UnexpectedExceptionMapper.jsonProblem(new RuntimeException(jackson))).contains(jackson);
        assertThat(UnexpectedExceptionMapper.jsonProblem(new IOException("disk"))).isEmpty();
        assertThat(new UnexpectedExceptionMapper().toResponse(new RuntimeException(jackson)).getStatus())
                .isEqualTo(400);
    }

    @Test
    void jacksonFailingOnOurOwnTypesIsAServerError() {
        IOException ours = com.fasterxml.jackson.databind.exc.InvalidDefinitionException.from(
                (com.fasterxml.jackson.core.JsonGenerator) null, "no serializer for Foo",
                (com.fasterxml.jackson.databind.JavaType) null);

        assertThat(UnexpectedExceptionMapper.jsonProblem(ours)).isEmpty();
        assertThat(new UnexpectedExceptionMapper().toResponse(ours).getStatus()).isEqualTo(500);
    }
}
