package io.reef.simulator;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Behaviour of the simulated SharkAPI: submit a job (always async, 202) and poll it. */
@ApplicationScoped
public class SharkApiSimulator {

    static final int MAX_PROMPT_LENGTH = 2000;
    static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;
    static final String MODERATION_MESSAGE = "Prompt or image failed content moderation";
    static final String FAILURE_MESSAGE = "Image generation failed";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Simulator simulator;

    @Inject
    public SharkApiSimulator(Simulator simulator) {
        this.simulator = simulator;
    }

    /** {@code POST /v1/generate}. */
    Uni<Response> submit(String authorization, String baseUrl, String rawBody) {
        ProviderState<SharkApiJobDetails> state = simulator.sharkApi();
        Submission submission = Submission.begin(state, authorization, rawBody, SharkApiSimulator::validate);
        if (submission.earlyAnswer() != null) {
            return submission.earlyAnswer();
        }
        Admission admission = submission.admission();
        JsonNode body = submission.body();
        String mode = body.get("mode").asText();
        Behaviour behaviour = state.behaviourFor(mode);
        String estimatedCost = behaviour.estimatedCost() != null
                ? behaviour.estimatedCost()
                : simulator.sharkApiListPrice(mode);
        String finalCost = behaviour.omitFinalCost()
                ? null
                : behaviour.finalCost() != null ? behaviour.finalCost() : estimatedCost;
        SimulatedTask<SharkApiJobDetails> job = state.add(new SimulatedTask<>(Ids.random("job_", 16),
                simulator.now(), behaviour, 0, new SharkApiJobDetails(mode, estimatedCost, finalCost)));
        return admission.answer(() -> json(202, jobHeader(job, "queued", baseUrl)));
    }

    /** {@code GET /v1/jobs/{id}}. */
    Uni<Response> poll(String authorization, String baseUrl, String id) {
        ProviderState<SharkApiJobDetails> state = simulator.sharkApi();
        Admission admission = state.admit(Operation.POLL, authorization);
        SimulatedTask<SharkApiJobDetails> job = state.task(id).orElse(null);
        if (admission.rejected()) {
            return state.trackPoll(job, admission.reject());
        }
        if (job == null) {
            return admission.answer(() -> ErrorEnvelope.notFound("Job not found: " + id));
        }
        return state.trackPoll(job, admission.answer(() -> json(200, jobJson(job, simulator.now(), baseUrl))));
    }

    /** The SharkAPI status word of {@code job} at {@code now}. */
    static String status(SimulatedTask<SharkApiJobDetails> job, long now) {
        switch (job.phase(now)) {
            case PENDING:
                return "queued";
            case RUNNING:
                return "processing";
            case CANCELLED:
                return "cancelled";
            default:
                switch (job.outcome()) {
                    case FAIL:
                        return "failed";
                    case MODERATE:
                        return "moderated";
                    default:
                        return "complete";
                }
        }
    }

    private static String validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "Request body must be a JSON object";
        }
        String prompt = SimulatorJson.text(body, "prompt");
        if (prompt == null || prompt.isBlank()) {
            return "'prompt' is required and must be a non-empty string";
        }
        if (prompt.codePointCount(0, prompt.length()) > MAX_PROMPT_LENGTH) {
            return "'prompt' must be at most " + MAX_PROMPT_LENGTH + " characters";
        }
        String mode = SimulatorJson.text(body, "mode");
        if (!"1k".equals(mode) && !"2k".equals(mode)) {
            return "'mode' is required and must be \"1k\" or \"2k\"";
        }
        if (!SimulatorJson.absent(body, "image")) {
            String imageError = validateImage(body.get("image"));
            if (imageError != null) {
                return imageError;
            }
        }
        if (!SimulatorJson.absent(body, "image_strength")) {
            JsonNode strength = body.get("image_strength");
            if (!strength.isNumber() || strength.decimalValue().compareTo(BigDecimal.ZERO) < 0
                    || strength.decimalValue().compareTo(BigDecimal.ONE) > 0) {
                return "'image_strength' must be a number between 0.0 and 1.0";
            }
        }
        return null;
    }

    private static String validateImage(JsonNode image) {
        if (!image.isTextual() || image.asText().isBlank()) {
            return "'image' must be a Base64-encoded JPEG or PNG";
        }
        String encoded = image.asText();
        if (encoded.startsWith("data:") && encoded.contains(";base64,")) {
            encoded = encoded.substring(encoded.indexOf(";base64,") + ";base64,".length());
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(WHITESPACE.matcher(encoded).replaceAll(""));
        } catch (IllegalArgumentException e) {
            return "'image' must be a Base64-encoded JPEG or PNG";
        }
        if (decoded.length == 0) {
            return "'image' must be a Base64-encoded JPEG or PNG";
        }
        if (decoded.length > MAX_IMAGE_BYTES) {
            return "'image' must be at most 10MB";
        }
        return null;
    }

    private static ObjectNode jobJson(SimulatedTask<SharkApiJobDetails> job, long now, String baseUrl) {
        String status = status(job, now);
        ObjectNode json = jobHeader(job, status, baseUrl);
        switch (status) {
            case "complete":
                if (job.outcome() == Outcome.COMPLETE) {
                    json.put("image_url", "https://cdn.sharkapi.dev/images/" + job.id() + ".png");
                }
                if (job.details().finalCost() != null) {
                    job.behaviour().finalCostFields().forEach(field -> json.put(field, job.details().finalCost()));
                }
                json.put("completed_at", SimulatorJson.isoSeconds(job.doneAtMillis()));
                break;
            case "failed":
                json.set("error", ErrorEnvelope.error(
                        job.behaviour().failureMessage() != null ? job.behaviour().failureMessage() : FAILURE_MESSAGE,
                        ErrorEnvelope.GENERATION));
                break;
            case "moderated":
                json.set("error", ErrorEnvelope.error(MODERATION_MESSAGE, ErrorEnvelope.MODERATION));
                break;
            default:
                break;
        }
        return json;
    }

    private static ObjectNode jobHeader(SimulatedTask<SharkApiJobDetails> job, String status, String baseUrl) {
        ObjectNode json = SimulatorJson.object();
        json.put("job_id", job.id());
        json.put("status", status);
        json.put("estimated_cost", job.details().estimatedCost());
        json.put("poll_url", baseUrl + "/v1/jobs/" + job.id());
        json.put("created_at", SimulatorJson.isoSeconds(job.createdAtMillis()));
        return json;
    }

    private static Response json(int status, ObjectNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
