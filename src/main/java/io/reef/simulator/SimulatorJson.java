package io.reef.simulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON helpers of the simulator: strict parsing that keeps decimals exact (money never goes through a
 * {@code double}), node creation, timestamps.
 */
public final class SimulatorJson {

    /** Node factory that keeps {@link java.math.BigDecimal}s exactly as given (no normalisation). */
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SimulatorJson() {
    }

    /**
     * Parses a request body.
     *
     * @return the JSON tree, or {@code null} when the body is empty or not valid JSON
     */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** ISO-8601 UTC timestamp with seconds precision, e.g. {@code 2024-01-15T10:23:44Z}. */
    public static String isoSeconds(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(Math.floorDiv(epochMillis, 1000L)));
    }

    /** Unix timestamp in seconds. */
    public static long unixSeconds(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }

    /** Text of a field if it is a JSON string, else {@code null}. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** Whether the field is absent or JSON {@code null}. */
    public static boolean absent(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull();
    }
}
