package io.reef.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The error envelope shared by both providers and by Reef's own API. */
@RegisterForReflection
public record ErrorBody(Detail error) {

    @RegisterForReflection
    public record Detail(String message, String type) {
    }

    public static Response response(int status, String type, String message, Long retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(new Detail(message, type)));
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        }
        return builder.build();
    }

    public static ErrorBody of(ApiException e) {
        return new ErrorBody(new Detail(e.getMessage(), e.type()));
    }

    public static Response response(ApiException e) {
        return response(e.status(), e.type(), e.getMessage(), e.retryAfterSeconds());
    }
}
