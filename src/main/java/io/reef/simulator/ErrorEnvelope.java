package io.reef.simulator;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Error responses in the common envelope {@code {"error": {"message": ..., "type": ...}}}, with
 * {@code Retry-After} on 429 ({@code 5}) and 503 ({@code 30}): the control API's errors, and those of the
 * simulated providers that use this envelope ({@link SimulatedErrors#STANDARD}).
 */
public final class ErrorEnvelope {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String AUTHENTICATION = "authentication_error";
    public static final String NOT_FOUND = "not_found_error";
    public static final String CONFLICT = "conflict";
    public static final String GENERATION = "generation_error";
    public static final String MODERATION = "moderation_error";

    private ErrorEnvelope() {
    }

    /** The {@code {"message", "type"}} object. */
    public static ObjectNode error(String message, String type) {
        ObjectNode error = SimulatorJson.object();
        error.put("message", message);
        error.put("type", type);
        return error;
    }

    /** An error response with the given status, message and type. */
    public static Response response(int status, String message, String type) {
        return response(status, message, type, retryAfter(status));
    }

    /** An error response with the given status, message, type and {@code Retry-After} (none when null). */
    public static Response response(int status, String message, String type, String retryAfter) {
        ObjectNode body = SimulatorJson.object();
        body.set("error", error(message, type));
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return builder.build();
    }

    /** {@code Retry-After} of {@code response} replaced by {@code seconds}. */
    public static Response withRetryAfter(Response response, long seconds) {
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, null)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build();
    }

    /** An error response with the provider's usual message and type for {@code status} (used by faults). */
    public static Response forStatus(int status) {
        return response(status, defaultMessage(status), defaultType(status));
    }

    public static Response badRequest(String message) {
        return response(400, message, INVALID_REQUEST);
    }

    public static Response unauthorized() {
        return response(401, "Missing or invalid API key", AUTHENTICATION);
    }

    public static Response notFound(String message) {
        return response(404, message, NOT_FOUND);
    }

    public static String retryAfter(int status) {
        switch (status) {
            case 429:
                return "5";
            case 503:
                return "30";
            default:
                return null;
        }
    }

    public static String defaultType(int status) {
        switch (status) {
            case 400:
                return INVALID_REQUEST;
            case 401:
                return AUTHENTICATION;
            case 402:
                return "insufficient_balance";
            case 403:
                return "permission_error";
            case 404:
                return NOT_FOUND;
            case 409:
                return CONFLICT;
            case 413:
                return "request_too_large";
            case 422:
                return MODERATION;
            case 429:
                return "rate_limit_error";
            case 503:
                return "service_unavailable";
            default:
                return status >= 500 ? "server_error" : "api_error";
        }
    }

    public static String defaultMessage(int status) {
        switch (status) {
            case 400:
                return "Invalid or missing request body fields";
            case 401:
                return "Missing or invalid API key";
            case 402:
                return "Insufficient wallet balance";
            case 403:
                return "Token is revoked or account is suspended";
            case 404:
                return "Not found";
            case 409:
                return "Conflict";
            case 413:
                return "Request body too large";
            case 422:
                return "Prompt or image failed content moderation";
            case 429:
                return "Rate limit exceeded";
            case 500:
                return "Internal server error";
            case 502:
                return "Bad gateway";
            case 503:
                return "Generation service is temporarily unavailable";
            case 504:
                return "Gateway timeout";
            default:
                return "Simulated error " + status;
        }
    }
}
