package io.reef.simulator;

import jakarta.ws.rs.core.Response;

/**
 * How a simulated provider answers the errors the core produces for it: a missing key, an injected fault,
 * a request its validation refuses. {@link #STANDARD} is the {@code {"error": {"message", "type"}}}
 * envelope of {@link ErrorEnvelope}; a provider with another envelope gives its own.
 */
public interface SimulatedErrors {

    /** The {@code {"error": {"message", "type"}}} envelope, {@code Retry-After} on 429 and 503. */
    SimulatedErrors STANDARD = new SimulatedErrors() {
        @Override
        public Response unauthorized() {
            return ErrorEnvelope.unauthorized();
        }

        @Override
        public Response fault(int status) {
            return ErrorEnvelope.forStatus(status);
        }

        @Override
        public Response invalidRequest(String message) {
            return ErrorEnvelope.badRequest(message);
        }
    };

    /** 401: the request carried no bearer token. */
    Response unauthorized();

    /** An injected fault: {@code status} (4xx/5xx) with the provider's usual message for it. */
    Response fault(int status);

    /** 400: the request body is refused by the provider's validation, with {@code message}. */
    Response invalidRequest(String message);
}
