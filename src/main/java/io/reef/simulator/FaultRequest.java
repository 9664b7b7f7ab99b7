package io.reef.simulator;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A control API fault/delay injection: {@code {"operation": "submit|poll|cancel", "status": 503,
 * "delay_ms": 2000, "count": 1, "api_key": "..."}}; at least one of {@code status} and {@code delay_ms};
 * {@code count} defaults to 1; with {@code api_key} it hits only the requests carrying that key.
 *
 * @param status HTTP status to answer, or null
 * @param delay delay before answering, or null
 * @param apiKey the account whose requests it hits, or null for any
 */
record FaultRequest(Operation operation, Integer status, Duration delay, int count, String apiKey) {

    @Override
    public String toString() {
        return "FaultRequest[operation=" + operation + ", status=" + status + ", delay=" + delay + ", count=" + count
                + ", account=" + (apiKey != null) + "]";
    }

    /**
     * @throws IllegalArgumentException with a message fit for a 400 response
     */
    static FaultRequest parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Fault must be a JSON object");
        }
        Operation operation = Operation.parse(SimulatorJson.text(json, "operation"))
                .orElseThrow(() -> new IllegalArgumentException("'operation' must be submit, poll or cancel"));
        Integer status = null;
        if (!SimulatorJson.absent(json, "status")) {
            long value = integer(json, "status");
            if (value < 400 || value > 599) {
                throw new IllegalArgumentException("'status' must be a 4xx or 5xx status");
            }
            status = (int) value;
        }
        Duration delay = null;
        if (!SimulatorJson.absent(json, "delay_ms")) {
            delay = Duration.ofMillis(integer(json, "delay_ms"));
        }
        if (status == null && delay == null) {
            throw new IllegalArgumentException("Give 'status' and/or 'delay_ms'");
        }
        int count = 1;
        if (!SimulatorJson.absent(json, "count")) {
            long value = integer(json, "count");
            if (value < 1 || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'count' must be a positive integer");
            }
            count = (int) value;
        }
        String apiKey = null;
        if (!SimulatorJson.absent(json, "api_key")) {
            apiKey = SimulatorJson.text(json, "api_key");
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("'api_key' must be a non-empty string");
            }
        }
        return new FaultRequest(operation, status, delay, count, apiKey);
    }

    /** Applies the injection to {@code provider} (to one of its accounts when {@code apiKey} is set). */
    void applyTo(Simulator simulator, String provider) {
        if (delay != null) {
            if (apiKey == null) {
                simulator.injectDelay(provider, operation, delay, count);
            } else {
                simulator.injectDelay(provider, operation, delay, count, apiKey);
            }
        }
        if (status != null) {
            if (apiKey == null) {
                simulator.injectFault(provider, operation, status, count);
            } else {
                simulator.injectFault(provider, operation, status, count, apiKey);
            }
        }
    }

    private static long integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException("'" + field + "' must be a non-negative integer");
        }
        return value.longValue();
    }
}
