package io.reef.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The control API's JSON form of a {@link Behaviour}, snake_case: {@code pending_ms}, {@code running_ms},
 * {@code outcome}, {@code credit}, {@code estimated_cost}, {@code final_cost}, {@code omit_final_cost},
 * {@code failure_message}, {@code final_cost_fields} (e.g. {@code ["cost", "final_cost", "actual_cost"]}).
 */
final class BehaviourJson {

    private static final Set<String> FIELDS = Set.of("pending_ms", "running_ms", "outcome", "credit",
            "estimated_cost", "final_cost", "omit_final_cost", "failure_message", "final_cost_fields");

    private BehaviourJson() {
    }

    /**
     * Reads a behaviour; absent fields keep the value of {@code base}. {@code "final_cost": null} means omit
     * the final cost; a {@code final_cost} string also clears {@code omit_final_cost}.
     *
     * @throws IllegalArgumentException with a message fit for a 400 response
     */
    static Behaviour parse(JsonNode json, Behaviour base) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Behaviour must be a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("Unknown behaviour field '" + name + "'; known: " + FIELDS);
            }
        }
        Behaviour.Builder builder = base.toBuilder();
        if (json.has("pending_ms")) {
            builder.pendingMillis(millis(json, "pending_ms"));
        }
        if (json.has("running_ms")) {
            builder.runningMillis(millis(json, "running_ms"));
        }
        if (json.has("outcome")) {
            String outcome = SimulatorJson.text(json, "outcome");
            builder.outcome(Outcome.parse(outcome).orElseThrow(() -> new IllegalArgumentException(
                    "'outcome' must be one of complete, fail, moderate, complete_without_image")));
        }
        if (json.has("credit")) {
            builder.credit(credit(json.get("credit")));
        }
        if (json.has("estimated_cost")) {
            builder.estimatedCost(nullableText(json, "estimated_cost"));
        }
        if (json.has("omit_final_cost")) {
            JsonNode omit = json.get("omit_final_cost");
            if (!omit.isBoolean()) {
                throw new IllegalArgumentException("'omit_final_cost' must be a boolean");
            }
            builder.omitFinalCost(omit.booleanValue());
        }
        if (json.has("final_cost")) {
            String finalCost = nullableText(json, "final_cost");
            builder.finalCost(finalCost).omitFinalCost(finalCost == null);
        }
        if (json.has("failure_message")) {
            builder.failureMessage(nullableText(json, "failure_message"));
        }
        if (json.has("final_cost_fields")) {
            builder.finalCostFields(fieldNames(json.get("final_cost_fields")));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'final_cost_fields' must be some of " + Behaviour.FINAL_COST_FIELDS);
        }
    }

    /** Writes a behaviour; {@code estimated_cost}/{@code final_cost} null mean list price/same as estimate. */
    static ObjectNode toJson(Behaviour behaviour) {
        ObjectNode json = SimulatorJson.object();
        json.put("pending_ms", behaviour.pendingMillis());
        json.put("running_ms", behaviour.runningMillis());
        json.put("outcome", behaviour.outcome().name().toLowerCase(Locale.ROOT));
        json.put("credit", behaviour.credit());
        json.put("estimated_cost", behaviour.estimatedCost());
        json.put("final_cost", behaviour.finalCost());
        json.put("omit_final_cost", behaviour.omitFinalCost());
        json.put("failure_message", behaviour.failureMessage());
        behaviour.finalCostFields().forEach(json.putArray("final_cost_fields")::add);
        return json;
    }

    private static long millis(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException("'" + field + "' must be a non-negative integer");
        }
        return value.longValue();
    }

    private static BigDecimal credit(JsonNode value) {
        try {
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isTextual()) {
                return new BigDecimal(value.asText().trim());
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("'credit' must be a decimal number");
    }

    private static List<String> fieldNames(JsonNode value) {
        List<String> names = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(name -> names.add(name.isTextual() ? name.asText() : "?"));
        }
        return names;
    }

    private static String nullableText(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string or null");
        }
        return value.asText();
    }
}
