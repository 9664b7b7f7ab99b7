package io.reef.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.reef.common.ApiException;

/**
 * The {@code from} / {@code to} / {@code group_by} parameters of usage reports and statements.
 * {@code from} is inclusive and {@code to} exclusive; each is an ISO instant
 * ({@code 2026-11-01T00:00:00Z}) or a UTC date ({@code 2026-11-01} = its midnight). Default:
 * the current month up to now.
 */
public record UsageQuery(Instant from, Instant to, GroupBy groupBy) {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    public enum GroupBy {
        DAY,
        MODEL,
        PROVIDER,
        /** The upstream account that ran the job (operators only: tenants never see the reseller's accounts). */
        ACCOUNT;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /** A tenant's own report: grouped by day, model or provider. */
    public static UsageQuery parse(String from, String to, String groupBy, Instant now) {
        UsageQuery query = parseForOperator(from, to, groupBy, now);
        if (query.groupBy() == GroupBy.ACCOUNT) {
            throw ApiException.badRequest("'group_by' must be one of day, model, provider");
        }
        return query;
    }

    /** An operator's report: grouped by day, model, provider or upstream account. */
    public static UsageQuery parseForOperator(String from, String to, String groupBy, Instant now) {
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
                group = GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'group_by' must be one of day, model, provider (operators: or account)");
            }
        }
        return new UsageQuery(start, end, group);
    }

    static Instant instant(String value, String name) {
        Instant parsed;
        try {
            parsed = value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be a date (2026-11-01) or an ISO-8601 instant");
        }
        // PostgreSQL timestamps end in the year 294276; nothing in Reef is outside years 1 to 9999
        if (parsed.isBefore(EARLIEST) || !parsed.isBefore(LATEST)) {
            throw ApiException.badRequest("'" + name + "' must be within the years 0001 to 9999");
        }
        return parsed;
    }
}
