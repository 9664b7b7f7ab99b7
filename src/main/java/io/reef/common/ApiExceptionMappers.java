package io.reef.common;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Renders every error a client can cause or see, in the envelope of the API it called: a
 * provider-compatible path answers in its provider's envelope, Reef's own paths in the standard one.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    private final ApiRoutes routes;

    public ApiExceptionMappers(ApiRoutes routes) {
        this.routes = routes;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return envelope(uri).response(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return envelope(uri).response(400, "invalid_request_error",
                "Request body is not valid JSON: " + e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri) {
        String message = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted().findFirst().orElse("invalid request");
        return envelope(uri).response(400, "invalid_request_error", message, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 405 -> "method_not_allowed";
            case 406, 415 -> "invalid_request_error";
            case 413 -> "request_too_large";
            default -> "api_error";
        };
        String message = status == 404 ? "Not found" : e.getMessage();
        return envelope(uri).response(status, type, message, null);
    }

    /**
     * Anything else. The database being unreachable (see {@link DatabaseUnavailable}) is
     * transient: 503 with {@code Retry-After}, logged without a stack trace.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (DatabaseUnavailable.is(e)) {
            LOG.debugf("Database unavailable while handling a request: %s", e);
            return envelope(uri).response(DatabaseUnavailable.error());
        }
        LOG.error("Unexpected error while handling a request", e);
        return envelope(uri).response(500, "api_error", "Internal error in the gateway", null);
    }

    private ErrorEnvelope envelope(UriInfo uri) {
        return routes.envelopeFor(uri.getPath());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
