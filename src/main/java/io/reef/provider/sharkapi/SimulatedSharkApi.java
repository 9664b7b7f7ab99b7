package io.reef.provider.sharkapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.Money;
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
import io.reef.simulator.SimulatorConfig;
import io.reef.simulator.SimulatorJson;
import io.reef.simulator.Submission;
import io.smallrye.mutiny.Uni;

/**
 * The simulated SharkAPI (endpoints: {@link SimulatedSharkApiResource}): submit a job (always async, 202)
 * and poll it. It accepts the modes of the pricing map ({@code reef.pricing.sharkapi.modes.*}) and reports
 * their prices as list prices. Behaviours are set per mode ({@code PUT /sim/control/sharkapi/modes/{mode}}).
 */
@ApplicationScoped
public class SimulatedSharkApi implements SimulatedProvider<SimulatedSharkApiJob> {

    /** The provider's name, as stored on jobs and in the simulator's paths. */
    public static final String NAME = SharkApiProvider.NAME;

    static final int MAX_PROMPT_LENGTH = 2000;
    static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;
    static final String MODERATION_MESSAGE = "Prompt or image failed content moderation";
    static final String FAILURE_MESSAGE = "Image generation failed";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ProviderState<SimulatedSharkApiJob> state;
    /** List price of each configured mode as the API writes it, e.g. {@code 1k -> "$0.01"}. */
    private final Map<String, String> listPrices;
    private final String invalidMode;

    @Inject
    public SimulatedSharkApi(SimulatorConfig simulator, SimulatedSharkApiModes modes, SimulatedSharkApiConfig config) {
        this.state = new ProviderState<>(NAME, simulator::defaultBehaviour, SimulatedErrors.STANDARD);
        TreeMap<String, String> prices = new TreeMap<>();
        modes.modes().forEach((mode, usd) -> prices.put(mode, dollars(config.listPrice(mode, usd))));
        this.listPrices = Collections.unmodifiableMap(prices);
        this.invalidMode = "'mode' is required and must be " + oneOf(prices.keySet());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String behaviourKeys() {
        return "modes";
    }

    @Override
    public ProviderState<SimulatedSharkApiJob> state() {
        return state;
    }

    /** SharkAPI bills the job's final {@code cost}, e.g. {@code "$0.01"}; none when the job omits it. */
    @Override
    public Optional<String> billedCost(SimulatedTask<SimulatedSharkApiJob> job) {
        return Optional.ofNullable(job.details().finalCost());
    }

    /**
     * What the account is debited at submit: the job's final cost, else (omitted or unreadable) its
     * estimated cost, else the mode's list price.
     */
    @Override
    public long costMicros(SimulatedTask<SimulatedSharkApiJob> job) {
        SimulatedSharkApiJob details = job.details();
        for (String cost : Arrays.asList(details.finalCost(), details.estimatedCost())) {
            if (cost != null) {
                try {
                    return SharkApiDollars.parse(cost);
                } catch (Money.UnparseableAmountException e) {
                    // the next one
                }
            }
        }
        return SharkApiDollars.parse(listPrices.get(details.mode()));
    }

    /** {@code POST /v1/generate}. */
    Uni<Response> submit(String authorization, String baseUrl, String rawBody) {
        Submission<SimulatedSharkApiJob> submission = Submission.begin(this, authorization, rawBody, this::validate);
        if (submission.earlyAnswer() != null) {
            return submission.earlyAnswer();
        }
        Admission admission = submission.admission();
        JsonNode body = submission.body();
        String mode = body.get("mode").asText();
        Behaviour behaviour = state.behaviourFor(mode);
        String estimatedCost = behaviour.estimatedCost() != null
                ? behaviour.estimatedCost()
                : listPrices.get(mode);
        String finalCost = behaviour.omitFinalCost()
                ? null
                : behaviour.finalCost() != null ? behaviour.finalCost() : estimatedCost;
        return submission.open(new SimulatedTask<>(Ids.random("job_", 16), state.now(), behaviour, 0,
                new SimulatedSharkApiJob(mode, estimatedCost, finalCost)),
                job -> admission.answer(() -> json(202, jobHeader(job, "queued", baseUrl))));
    }

    /** {@code GET /v1/jobs/{id}}. */
    Uni<Response> poll(String authorization, String baseUrl, String id) {
        Admission admission = state.admit(Operation.POLL, authorization);
        SimulatedTask<SimulatedSharkApiJob> job = state.taskOf(admission, id).orElse(null);
        if (admission.rejected()) {
            return state.trackPoll(job, admission.reject());
        }
        if (job == null) {
            return admission.answer(() -> ErrorEnvelope.notFound("Job not found: " + id));
        }
        return state.trackPoll(job, admission.answer(() -> json(200, jobJson(job, state.now(), baseUrl))));
    }

    /** The SharkAPI status word of {@code job} at {@code now}. */
    @Override
    public String status(SimulatedTask<SimulatedSharkApiJob> job, long now) {
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

    private String validate(JsonNode body) {
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
        if (mode == null || !listPrices.containsKey(mode)) {
            return invalidMode;
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

    private ObjectNode jobJson(SimulatedTask<SimulatedSharkApiJob> job, long now, String baseUrl) {
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

    private static ObjectNode jobHeader(SimulatedTask<SimulatedSharkApiJob> job, String status, String baseUrl) {
        ObjectNode json = SimulatorJson.object();
        json.put("job_id", job.id());
        json.put("status", status);
        json.put("estimated_cost", job.details().estimatedCost());
        json.put("poll_url", baseUrl + "/v1/jobs/" + job.id());
        json.put("created_at", SimulatorJson.isoSeconds(job.createdAtMillis()));
        return json;
    }

    /** {@code "$0.02"}: at least two decimals, exactly as configured beyond that. */
    private static String dollars(BigDecimal usd) {
        return "$" + usd.setScale(Math.max(2, usd.scale())).toPlainString();
    }

    /** {@code "1k"}, {@code "1k" or "2k"}, {@code "1k", "2k" or "4k"}. */
    private static String oneOf(Iterable<String> modes) {
        List<String> quoted = new ArrayList<>();
        modes.forEach(mode -> quoted.add('"' + mode + '"'));
        if (quoted.size() <= 1) {
            return String.join("", quoted);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }

    private static Response json(int status, ObjectNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
