package io.reef.provider.sharkai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.Money;
import io.reef.simulator.Admission;
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
 * The simulated Shark AI images API (endpoints: {@link SimulatedSharkAiResource}): submit (sync or async),
 * poll, cancel. Sync requests wait without blocking a thread until their task is terminal. Behaviours are
 * set per model ({@code PUT /sim/control/sharkai/models/{model}}).
 */
@ApplicationScoped
public class SimulatedSharkAi implements SimulatedProvider<SimulatedSharkAiTask> {

    /** The provider's name, as stored on jobs and in the simulator's paths. */
    public static final String NAME = SharkAiProvider.NAME;

    static final int DEFAULT_TIMEOUT_SECONDS = 300;
    static final int MIN_TIMEOUT_SECONDS = 30;
    static final int MAX_TIMEOUT_SECONDS = 1800;
    static final int OUTPUT_TOKENS_PER_IMAGE = 1542;
    /** Most images one simulated request may ask for ({@code n}). */
    static final int MAX_IMAGES = 10;
    /** Longest single non-blocking wait while a sync request awaits its task (re-checked after). */
    private static final long MAX_WAIT_STEP_MILLIS = 1000;

    private final ProviderState<SimulatedSharkAiTask> state;

    @Inject
    public SimulatedSharkAi(SimulatorConfig simulator, SimulatedSharkAiConfig config) {
        this.state = new ProviderState<>(NAME,
                () -> simulator.defaultBehaviour().toBuilder().credit(config.credit()).build(),
                SimulatedErrors.STANDARD);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String behaviourKeys() {
        return "models";
    }

    @Override
    public ProviderState<SimulatedSharkAiTask> state() {
        return state;
    }

    /** Shark AI bills the behaviour's {@code credit}, e.g. {@code "400"}. */
    @Override
    public Optional<String> billedCost(SimulatedTask<SimulatedSharkAiTask> task) {
        return Optional.of(task.behaviour().credit().toPlainString());
    }

    /**
     * What the account is debited at submit: the credit a completed task reports, the behaviour's credit
     * times the images; an unreadable credit (negative, absurd) debits nothing.
     */
    @Override
    public long costMicros(SimulatedTask<SimulatedSharkAiTask> task) {
        try {
            return SharkAiCredit.toMicros(task.behaviour().credit().multiply(BigDecimal.valueOf(task.details().images())));
        } catch (Money.UnparseableAmountException e) {
            return 0;
        }
    }

    /** {@code POST /api/v1/images/generations}. */
    Uni<Response> submit(String authorization, String baseUrl, String rawBody) {
        Submission<SimulatedSharkAiTask> submission = Submission.begin(this, authorization, rawBody,
                SimulatedSharkAi::validate);
        if (submission.earlyAnswer() != null) {
            return submission.earlyAnswer();
        }
        Admission admission = submission.admission();
        JsonNode body = submission.body();
        String model = body.get("model").asText();
        String prompt = body.get("prompt").asText();
        boolean async = !SimulatorJson.absent(body, "async") && body.get("async").booleanValue();
        int timeout = SimulatorJson.absent(body, "timeout") ? DEFAULT_TIMEOUT_SECONDS : body.get("timeout").intValue();

        long now = state.now();
        int images = SimulatorJson.absent(body, "n") ? 1 : body.get("n").intValue();
        SimulatedSharkAiTask details = new SimulatedSharkAiTask(model, timeout, inputTokens(prompt), Ids.random("", 32),
                images);
        return submission.open(new SimulatedTask<>(Ids.random("task_", 24), now, state.behaviourFor(model),
                timeout * 1000L, details),
                task -> async
                        ? admission.answer(() -> json(202, accepted(task, baseUrl)))
                        : admission.after(() -> awaitTerminal(task).map(this::syncResponse)));
    }

    /** {@code GET /api/v1/images/generations/{id}}. */
    Uni<Response> poll(String authorization, String id) {
        Admission admission = state.admit(Operation.POLL, authorization);
        SimulatedTask<SimulatedSharkAiTask> task = state.taskOf(admission, id).orElse(null);
        if (admission.rejected()) {
            return state.trackPoll(task, admission.reject());
        }
        if (task == null) {
            return admission.answer(() -> notFound(id));
        }
        return state.trackPoll(task, admission.answer(() -> json(200, taskJson(task, state.now()))));
    }

    /** {@code POST /api/v1/images/generations/{id}/cancel}: only pending tasks can be cancelled. */
    Uni<Response> cancel(String authorization, String id) {
        Admission admission = state.admit(Operation.CANCEL, authorization);
        if (admission.rejected()) {
            return admission.reject();
        }
        SimulatedTask<SimulatedSharkAiTask> task = state.taskOf(admission, id).orElse(null);
        if (task == null) {
            return admission.answer(() -> notFound(id));
        }
        Phase phase = task.cancel(state.now());
        if (phase == Phase.CANCELLED) {
            return admission.answer(() -> json(200, taskJson(task, state.now())));
        }
        String message = phase == Phase.DONE
                ? "Task already " + status(task, state.now())
                : "Task already started";
        return admission.answer(() -> ErrorEnvelope.response(409, message, ErrorEnvelope.CONFLICT));
    }

    /** The Shark AI status word of {@code task} at {@code now}. */
    @Override
    public String status(SimulatedTask<SimulatedSharkAiTask> task, long now) {
        switch (task.phase(now)) {
            case PENDING:
                return "pending";
            case RUNNING:
                return "running";
            case CANCELLED:
                return "cancelled";
            default:
                return completes(task) ? "completed" : "failed";
        }
    }

    private static String validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "Request body must be a JSON object";
        }
        if (!nonBlankText(body, "model")) {
            return "'model' is required and must be a non-empty string";
        }
        if (!nonBlankText(body, "prompt")) {
            return "'prompt' is required and must be a non-empty string";
        }
        if (!SimulatorJson.absent(body, "async") && !body.get("async").isBoolean()) {
            return "'async' must be a boolean";
        }
        if (!SimulatorJson.absent(body, "timeout")) {
            JsonNode timeout = body.get("timeout");
            if (!timeout.isIntegralNumber() || !timeout.canConvertToInt()
                    || timeout.intValue() < MIN_TIMEOUT_SECONDS || timeout.intValue() > MAX_TIMEOUT_SECONDS) {
                return "'timeout' must be an integer between " + MIN_TIMEOUT_SECONDS + " and "
                        + MAX_TIMEOUT_SECONDS;
            }
        }
        if (!SimulatorJson.absent(body, "n")) {
            JsonNode n = body.get("n");
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1 || n.intValue() > MAX_IMAGES) {
                return "'n' must be an integer between 1 and " + MAX_IMAGES;
            }
        }
        return null;
    }

    private static boolean nonBlankText(JsonNode body, String field) {
        String value = SimulatorJson.text(body, field);
        return value != null && !value.isBlank();
    }

    private static int inputTokens(String prompt) {
        return Math.max(1, (prompt.length() + 3) / 4);
    }

    /** Completes when the task is terminal, re-checking so that {@code finishNow}/cancel are noticed. */
    private Uni<SimulatedTask<SimulatedSharkAiTask>> awaitTerminal(SimulatedTask<SimulatedSharkAiTask> task) {
        return Uni.createFrom().deferred(() -> {
            long wait = task.millisUntilTerminal(state.now());
            if (wait <= 0) {
                return Uni.createFrom().item(task);
            }
            return Uni.createFrom().item(task)
                    .onItem().delayIt().by(Duration.ofMillis(Math.min(wait, MAX_WAIT_STEP_MILLIS)))
                    .chain(this::awaitTerminal);
        });
    }

    private Response syncResponse(SimulatedTask<SimulatedSharkAiTask> task) {
        long now = state.now();
        if (task.phase(now) == Phase.CANCELLED) {
            return ErrorEnvelope.response(500, "Task was cancelled", ErrorEnvelope.GENERATION);
        }
        if (completes(task)) {
            return json(200, result(task));
        }
        return ErrorEnvelope.response(500, failureMessage(task), ErrorEnvelope.GENERATION);
    }

    private static ObjectNode accepted(SimulatedTask<SimulatedSharkAiTask> task, String baseUrl) {
        ObjectNode json = taskHeader(task, "pending");
        String url = baseUrl + "/api/v1/images/generations/" + task.id();
        json.put("polling_url", url);
        json.put("cancel_url", url + "/cancel");
        return json;
    }

    private ObjectNode taskJson(SimulatedTask<SimulatedSharkAiTask> task, long now) {
        String status = status(task, now);
        ObjectNode json = taskHeader(task, status);
        if ("completed".equals(status)) {
            json.set("result", result(task));
        } else if ("failed".equals(status)) {
            json.set("error", ErrorEnvelope.error(failureMessage(task), ErrorEnvelope.GENERATION));
        }
        return json;
    }

    private static ObjectNode taskHeader(SimulatedTask<SimulatedSharkAiTask> task, String status) {
        ObjectNode json = SimulatorJson.object();
        json.put("id", task.id());
        json.put("object", "image.generation.task");
        json.put("status", status);
        json.put("created", SimulatorJson.unixSeconds(task.createdAtMillis()));
        json.put("timeout", task.details().timeoutSeconds());
        return json;
    }

    /** The sync response body, also the {@code result} of a completed task. */
    private static ObjectNode result(SimulatedTask<SimulatedSharkAiTask> task) {
        SimulatedSharkAiTask details = task.details();
        boolean withImage = task.outcome() == Outcome.COMPLETE;
        ObjectNode json = SimulatorJson.object();
        json.put("created", SimulatorJson.unixSeconds(task.createdAtMillis()));
        ArrayNode data = json.putArray("data");
        if (withImage) {
            for (int i = 0; i < details.images(); i++) {
                data.addObject().put("url", "https://cos.example.com/images/" + task.id() + (i == 0 ? "" : "-" + i)
                        + ".png?sig=" + details.signature());
            }
        }
        int outputTokens = withImage ? OUTPUT_TOKENS_PER_IMAGE * details.images() : 0;
        ObjectNode usage = json.putObject("usage");
        usage.put("input_tokens", details.inputTokens());
        usage.put("output_tokens", outputTokens);
        usage.put("total_tokens", details.inputTokens() + outputTokens);
        // billed per image, like the models whose price is per image
        json.put("credit", task.behaviour().credit().multiply(BigDecimal.valueOf(details.images())));
        return json;
    }

    private static boolean completes(SimulatedTask<SimulatedSharkAiTask> task) {
        Outcome outcome = task.outcome();
        return outcome == Outcome.COMPLETE || outcome == Outcome.COMPLETE_WITHOUT_IMAGE;
    }

    private static String failureMessage(SimulatedTask<SimulatedSharkAiTask> task) {
        if (task.timedOut()) {
            return "Image generation failed: task timed out after " + task.details().timeoutSeconds() + "s";
        }
        if (task.behaviour().failureMessage() != null) {
            return task.behaviour().failureMessage();
        }
        return task.outcome() == Outcome.MODERATE
                ? "Image generation failed: prompt rejected by content moderation"
                : "Image generation failed: provider timeout";
    }

    private static Response notFound(String id) {
        return ErrorEnvelope.notFound("Task not found: " + id);
    }

    private static Response json(int status, ObjectNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
