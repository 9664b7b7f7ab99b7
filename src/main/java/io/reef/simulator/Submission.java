package io.reef.simulator;

import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The start every simulated submit shares: admission (auth, injected delay and fault), recording
 * the body for tests, validation. Either {@code earlyAnswer} is set (the request ends there) or
 * {@code body} is a valid request to act on, answered through {@code admission}.
 */
public record Submission(Admission admission, JsonNode body, Uni<Response> earlyAnswer) {

    public static Submission begin(ProviderState<?> state, String authorization, String rawBody,
            Function<JsonNode, String> validator) {
        Admission admission = state.admit(Operation.SUBMIT, authorization);
        if (admission.rejected()) {
            return new Submission(admission, null, admission.reject());
        }
        JsonNode body = SimulatorJson.parse(rawBody);
        if (body != null) {
            state.recordSubmitBody(body);
        }
        String invalid = validator.apply(body);
        if (invalid != null) {
            return new Submission(admission, body, admission.answer(() -> state.errors().invalidRequest(invalid)));
        }
        return new Submission(admission, body, null);
    }
}
