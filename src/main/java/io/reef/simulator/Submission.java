package io.reef.simulator;

import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The start and the end every simulated submit shares. {@link #begin} does the admission (auth, injected
 * delay and fault, the account's rate limit), records the body for tests and validates it: either
 * {@code earlyAnswer} is set (the request ends there) or {@code body} is a valid request to act on,
 * answered through {@code admission}. {@link #open} then creates the task for the submitting account,
 * which pays its cost ({@link SimulatedProvider#costMicros}) from its balance.
 *
 * @param <D> the provider's task details
 */
public record Submission<D>(SimulatedProvider<D> provider, Admission admission, JsonNode body,
        Uni<Response> earlyAnswer) {

    public static <D> Submission<D> begin(SimulatedProvider<D> provider, String authorization, String rawBody,
            Function<JsonNode, String> validator) {
        ProviderState<D> state = provider.state();
        Admission admission = state.admit(Operation.SUBMIT, authorization);
        if (admission.rejected()) {
            return new Submission<>(provider, admission, null, admission.reject());
        }
        JsonNode body = SimulatorJson.parse(rawBody);
        if (body != null) {
            state.recordSubmitBody(body);
        }
        String invalid = validator.apply(body);
        if (invalid != null) {
            return new Submission<>(provider, admission, body,
                    admission.answer(() -> state.errors().invalidRequest(invalid)));
        }
        return new Submission<>(provider, admission, body, null);
    }

    /**
     * Creates {@code task} for the submitting account and answers {@code answer} of it; when the account's
     * balance cannot pay the task's cost, answers the provider's 402 instead and creates nothing.
     */
    public Uni<Response> open(SimulatedTask<D> task, Function<SimulatedTask<D>, Uni<Response>> answer) {
        Optional<Response> refused = provider.state().open(admission.account(), task, provider.costMicros(task));
        if (refused.isPresent()) {
            return admission.answer(refused::get);
        }
        return answer.apply(task);
    }
}
