package io.reef.tenant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.reef.common.ApiException;
import io.reef.common.JsonFields;
import io.reef.common.Money;
import io.reef.common.Text;

/** Field parsers shared by the tenant and key bodies: each error names its field (a 400). */
final class SpecFields {

    /** Most entries in an {@code allowed_models} list. */
    static final int MAX_MODELS = 100;

    private SpecFields() {
    }

    /** A set-or-clear field present in a body: its value, or null to clear it. */
    record Setting<T>(T value) {
    }

    /** A non-negative amount of US dollars as micro-dollars; null if absent. */
    static Long usd(JsonNode node, String name) {
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw field(name, "must be a number of US dollars");
        }
        if (node.decimalValue().signum() < 0) {
            throw field(name, "must not be negative");
        }
        try {
            return Money.usdToMicros(node.decimalValue());
        } catch (ArithmeticException e) {
            throw field(name, "must have at most 6 decimals and be below 9.2e12");
        }
    }

    /** A list of models (as each provider names a job's model: a model id, a mode), or null (any model); absent: null. */
    static Setting<List<String>> models(JsonNode body, String name) {
        if (!body.has(name)) {
            return null;
        }
        JsonNode node = body.get(name);
        if (node.isNull()) {
            return new Setting<>(null);
        }
        if (!node.isArray() || node.size() > MAX_MODELS) {
            throw field(name, "must be a list of at most " + MAX_MODELS + " model ids, or null for any model");
        }
        LinkedHashSet<String> models = new LinkedHashSet<>();
        for (JsonNode m : node) {
            if (!m.isTextual()) {
                throw field(name, "must contain model ids (strings)");
            }
            models.add(Text.model(m.asText(), name));
        }
        return new Setting<>(new ArrayList<>(models));
    }

    /** A future instant (ISO-8601 with an offset), or null to clear; absent: null. */
    static Setting<Instant> futureInstant(JsonNode body, String name, Instant now) {
        if (!body.has(name)) {
            return null;
        }
        JsonNode node = body.get(name);
        if (node.isNull()) {
            return new Setting<>(null);
        }
        Instant at = instant(node, name);
        if (!at.isAfter(now)) {
            throw field(name, "must be in the future");
        }
        return new Setting<>(at);
    }

    static Instant instant(JsonNode node, String name) {
        return JsonFields.instant(node, name);
    }

    static ApiException field(String name, String problem) {
        return JsonFields.field(name, problem);
    }
}
