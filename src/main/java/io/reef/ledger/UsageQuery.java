package io.reef.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.reef.common.ApiException;

/**
 * The {@code from} / {@code to} / {@code group_by} parameters of usage reports and statements.
 * {@code from} is inclusive and {@code to} exclusive; each is an ISO instant
 * ({@code 2026-11-01T00:00:00Z}) or a UTC date ({@code 2026-11-01} = its midnight). Default:
 * the current month up to now.
 */
public record UsageQuery(Instant from, Instant to, GroupBy groupBy) {

    public enum GroupBy {
        DAY, MODEL, PROVIDER;

        public String wire() {
            return name().toLowerCase();
        }
    }

    public static UsageQuery parse(String from, String to, String groupBy, Instant now) {
        Instant start = from == null || from.isBlank()
                ? now.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                : instant(from, "from");
        Instant end = to == null || to.isBlank() ? now : instant(to, "to");
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("'to' must be after 'from'");
        }
        GroupBy group = GroupBy.DAY;
        if (groupBy != null && !groupBy.isBlank()) {
            try {
                group = GroupBy.valueOf(groupBy.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'group_by' must be one of day, model, provider");
            }
        }
        return new UsageQuery(start, end, group);
    }

    static Instant instant(String value, String name) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be a date (2026-11-01) or an ISO-8601 instant");
        }
    }
}
