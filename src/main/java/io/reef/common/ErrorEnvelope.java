package io.reef.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How an API answers errors: the body an {@link ApiException} is rendered as, and where the
 * message sits in an error body of that shape. Each provider-compatible API answers in its
 * provider's envelope (see {@code io.reef.provider.Provider#errorEnvelope}); Reef's own
 * {@code /reef/**} endpoints answer in {@link #STANDARD}.
 */
public interface ErrorEnvelope {

    /** {@code {"error": {"message": ..., "type": ...}}}: Reef's own, and any provider's that uses the same shape. */
    ErrorEnvelope STANDARD = new ErrorEnvelope() {
        @Override
        public Object body(int status, String type, String message) {
            return new ErrorBody(new ErrorBody.Detail(message, type));
        }

        @Override
        public String message(JsonNode body) {
            JsonNode message = body.path("error").path("message");
            return message.isTextual() ? message.asText() : null;
        }
    };

    /** The JSON body (a Jackson-serialisable object) of an error answer. */
    Object body(int status, String type, String message);

    /** The message of an error body in this envelope (e.g. an upstream's error answer), or null. */
    String message(JsonNode body);

    default Object body(ApiException e) {
        return body(e.status(), e.type(), e.getMessage());
    }

    default Response response(int status, String type, String message, Long retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status, type, message));
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        }
        return builder.build();
    }

    default Response response(ApiException e) {
        return response(e.status(), e.type(), e.getMessage(), e.retryAfterSeconds());
    }
}
