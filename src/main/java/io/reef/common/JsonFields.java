package io.reef.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

/** Parsers for fields of Reef's own JSON bodies; each error is a 400 naming its field. */
public final class JsonFields {

    private JsonFields() {
    }

    /** An amount of US dollars (any sign) as micro-dollars, via {@link Money}. */
    public static long signedUsd(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            throw field(name, "is required");
        }
        if (!node.isNumber()) {
            throw field(name, "must be a number of US dollars");
        }
        try {
            return Money.usdToMicros(node.decimalValue());
        } catch (ArithmeticException e) {
            throw field(name, "must have at most 6 decimals and be below 9.2e12 in size");
        }
    }

    /** An instant written as ISO-8601 with an offset, to the microsecond (what PostgreSQL keeps). */
    public static Instant instant(JsonNode node, String name) {
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText()).toInstant().truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                // below
            }
        }
        throw field(name, "must be an ISO-8601 timestamp with an offset, e.g. 2026-12-31T23:59:59Z");
    }

    public static ApiException field(String name, String problem) {
        return ApiException.badRequest("'" + name + "' " + problem);
    }
}
