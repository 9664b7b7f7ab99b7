package io.reef.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.reef.common.ApiException;

/**
 * The UTC calendar month a statement covers, {@code [from, to)}: the whole month once it has ended
 * ({@code complete}), else from its first instant to now.
 */
public record StatementMonth(YearMonth month, Instant from, Instant to, boolean complete) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final int FIRST_YEAR = 2000;
    private static final String EXPECTED = "'month' must be a UTC calendar month YYYY-MM, from 2000-01 to the current month";

    /** The {@code month} query parameter; a 400 naming the parameter when it is missing or not a month Reef states. */
    public static StatementMonth parse(String value, Instant now) {
        Matcher m = value == null ? null : FORMAT.matcher(value);
        if (m == null || !m.matches()) {
            throw ApiException.badRequest(EXPECTED);
        }
        int year = Integer.parseInt(m.group(1));
        int monthOfYear = Integer.parseInt(m.group(2));
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        if (monthOfYear < 1 || monthOfYear > 12 || year < FIRST_YEAR) {
            throw ApiException.badRequest(EXPECTED);
        }
        YearMonth month = YearMonth.of(year, monthOfYear);
        if (month.isAfter(current)) {
            throw ApiException.badRequest(EXPECTED);
        }
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        boolean complete = !end.isAfter(now);
        return new StatementMonth(month, from, complete ? end : now, complete);
    }
}
