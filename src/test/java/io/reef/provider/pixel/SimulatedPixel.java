package io.reef.provider.pixel;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.simulator.Admission;
import io.reef.simulator.Behaviour;
import io.reef.simulator.ErrorEnvelope;
import io.reef.simulator.Ids;
import io.reef.simulator.Operation;
import io.reef.simulator.Outcome;
import io.reef.simulator.ProviderState;
import io.reef.simulator.SimulatedErrors;
import io.reef.simulator.SimulatedProvider;
import io.reef.simulator.SimulatedTask;
import io.reef.simulator.SimulatedTask.Phase;
import io.reef.simulator.SimulatorConfig;
import io.reef.simulator.SimulatorJson;
import io.reef.simulator.Submission;
import io.smallrye.mutiny.Uni;

/**
 * The simulated Pixel API (endpoints: {@link SimulatedPixelResource}): draw (201 + ticket), read a
 * ticket, stop a waiting one. A finished drawing costs {@link #POINTS} points unless the behaviour's
 * {@code final_cost} says another whole number. Behaviours are set per style
 * ({@code PUT /sim/control/pixel/styles/{style}}).
 */
@ApplicationScoped
public class SimulatedPixel implements SimulatedProvider<SimulatedPixel.Drawing> {

    static final long POINTS = 12;

    /** What the simulator keeps per ticket: the points it bills once done. */
    public record Drawing(long points) {
    }

    private final ProviderState<Drawing> state;

    public SimulatedPixel(SimulatorConfig simulator) {
        this.state = new ProviderState<>(PixelProvider.NAME, simulator::defaultBehaviour, ERRORS);
    }

    @Override
    public String name() {
        return PixelProvider.NAME;
    }

    @Override
    public String behaviourKeys() {
        return "styles";
    }

    @Override
    public ProviderState<Drawing> state() {
        return state;
    }

    @Override
    public Optional<String> billedCost(SimulatedTask<Drawing> task) {
        return Optional.of(Long.toString(task.details().points()));
    }

    @Override
    public long costMicros(SimulatedTask<Drawing> task) {
        return PixelPoints.toMicros(task.details().points());
    }

    @Override
    public String status(SimulatedTask<Drawing> task, long now) {
        return switch (task.phase(now)) {
            case PENDING -> "waiting";
            case RUNNING -> "drawing";
            case CANCELLED -> "stopped";
            default -> task.outcome() == Outcome.COMPLETE ? "done" : "broken";
        };
    }

    Uni<Response> draw(String authorization, String rawBody) {
        Submission<Drawing> submission = Submission.begin(this, authorization, rawBody, SimulatedPixel::validate);
        if (submission.earlyAnswer() != null) {
            return submission.earlyAnswer();
        }
        Admission admission = submission.admission();
        Behaviour behaviour = state.behaviourFor("sketch");
        long points = behaviour.finalCost() != null && behaviour.finalCost().matches("\\d{1,9}")
                ? Long.parseLong(behaviour.finalCost())
                : POINTS;
        return submission.open(new SimulatedTask<>(Ids.random("tk_", 16), state.now(), behaviour, 0, new Drawing(points)),
                task -> admission.answer(() -> json(201, ticket(task))));
    }

    Uni<Response> ticket(String authorization, String id) {
        Admission admission = state.admit(Operation.POLL, authorization);
        SimulatedTask<Drawing> task = state.taskOf(admission, id).orElse(null);
        if (admission.rejected()) {
            return state.trackPoll(task, admission.reject());
        }
        if (task == null) {
            return admission.answer(() -> problem(404, "no_ticket", "No ticket " + id));
        }
        return state.trackPoll(task, admission.answer(() -> json(200, ticket(task))));
    }

    Uni<Response> stop(String authorization, String id) {
        Admission admission = state.admit(Operation.CANCEL, authorization);
        if (admission.rejected()) {
            return admission.reject();
        }
        SimulatedTask<Drawing> task = state.taskOf(admission, id).orElse(null);
        if (task == null) {
            return admission.answer(() -> problem(404, "no_ticket", "No ticket " + id));
        }
        Phase phase = task.cancel(state.now());
        if (phase == Phase.CANCELLED) {
            return admission.answer(() -> json(200, ticket(task)));
        }
        return admission.answer(() -> problem(409, "too_late", "Ticket already " + status(task, state.now())));
    }

    private ObjectNode ticket(SimulatedTask<Drawing> task) {
        ObjectNode json = SimulatorJson.object();
        json.put("ticket", task.id());
        String status = status(task, state.now());
        json.put("state", status);
        if (status.equals("done")) {
            json.put("points", task.details().points());
            json.put("picture", "https://pixel.example/p/" + task.id() + ".png");
        } else if (status.equals("broken")) {
            json.putObject("problem").put("code", "broken")
                    .put("detail",
                            task.behaviour().failureMessage() != null ? task.behaviour().failureMessage() : "Drawing broke");
        }
        return json;
    }

    private static String validate(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("prompt").isTextual() || body.path("prompt").asText().isBlank()) {
            return "'prompt' is required";
        }
        return null;
    }

    /** Pixel's error envelope, for the simulator core's errors too. */
    static final SimulatedErrors ERRORS = new SimulatedErrors() {
        @Override
        public Response unauthorized() {
            return problem(401, "who_are_you", "Missing bearer token");
        }

        @Override
        public Response fault(int status) {
            Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("problem", Map.of("code", "fault", "detail", "Simulated fault " + status)));
            String retryAfter = ErrorEnvelope.retryAfter(status);
            return retryAfter == null ? answer.build() : answer.header("Retry-After", retryAfter).build();
        }

        @Override
        public Response invalidRequest(String message) {
            return problem(400, "bad_drawing", message);
        }
    };

    static Response problem(int status, String code, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("problem", Map.of("code", code, "detail", detail))).build();
    }

    private static Response json(int status, ObjectNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
