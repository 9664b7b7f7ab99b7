package io.reef.common;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Renders every error a client can cause or see in the providers' envelope. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return ErrorBody.response(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return ErrorBody.response(400, "invalid_request_error", "Request body is not valid JSON: " + e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted().findFirst().orElse("invalid request");
        return ErrorBody.response(400, "invalid_request_error", message, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
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
        return ErrorBody.response(status, type, message, null);
    }

    /**
     * Anything else. The database being unreachable (see {@link DatabaseUnavailable}) is
     * transient: 503 with {@code Retry-After}, logged without a stack trace.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (DatabaseUnavailable.is(e)) {
            LOG.debugf("Database unavailable while handling a request: %s", e);
            return ErrorBody.response(DatabaseUnavailable.error());
        }
        LOG.error("Unexpected error while handling a request", e);
        return ErrorBody.response(500, "api_error", "Internal error in the gateway", null);
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
