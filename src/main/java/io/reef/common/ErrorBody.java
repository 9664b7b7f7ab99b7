package io.reef.common;

import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of {@link ErrorEnvelope#STANDARD}: {@code {"error": {"message", "type"}}}. */
@RegisterForReflection
public record ErrorBody(Detail error) {

    @RegisterForReflection
    public record Detail(String message, String type) {
    }

    /** An error of Reef's own API, in the standard envelope. */
    public static Response response(int status, String type, String message, Long retryAfterSeconds) {
        return ErrorEnvelope.STANDARD.response(status, type, message, retryAfterSeconds);
    }

    /** An error of Reef's own API, in the standard envelope. */
    public static Response response(ApiException e) {
        return ErrorEnvelope.STANDARD.response(e);
    }
}
