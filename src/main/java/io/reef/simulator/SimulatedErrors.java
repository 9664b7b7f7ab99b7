package io.reef.simulator;

import jakarta.ws.rs.core.Response;

/**
 * How a simulated provider answers the errors the core produces for it: a missing key, an injected fault,
 * a request its validation refuses, an account's balance or rate limit refusing a submit. {@link #STANDARD} is the
 * {@code {"error": {"message", "type"}}}
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

        @Override
        public Response insufficientBalance(String message) {
            return ErrorEnvelope.response(402, message, ErrorEnvelope.defaultType(402));
        }

        @Override
        public Response rateLimited(String message, long retryAfterSeconds) {
            return ErrorEnvelope.response(429, message, ErrorEnvelope.defaultType(429), Long.toString(retryAfterSeconds));
        }
    };

    /** 401: the request carried no bearer token. */
    Response unauthorized();

    /** An injected fault: {@code status} (4xx/5xx) with the provider's usual message for it. */
    Response fault(int status);

    /** 400: the request body is refused by the provider's validation, with {@code message}. */
    Response invalidRequest(String message);

    /**
     * 402: the account's balance cannot pay the submit, with {@code message}. By default the provider's
     * injected-fault answer for 402.
     */
    default Response insufficientBalance(String message) {
        return fault(402);
    }

    /**
     * 429: the account's rate limit refuses the submit, with {@code message} and {@code Retry-After:
     * retryAfterSeconds}. By default the provider's injected-fault answer for 429 with that
     * {@code Retry-After}.
     */
    default Response rateLimited(String message, long retryAfterSeconds) {
        return ErrorEnvelope.withRetryAfter(fault(429), retryAfterSeconds);
    }
}
