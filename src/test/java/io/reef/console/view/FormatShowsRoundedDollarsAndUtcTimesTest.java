package io.reef.console.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Money as dollars rounded half-up to cents with thousands separated, times in UTC with the zone named. */
class FormatShowsRoundedDollarsAndUtcTimesTest {

    @Test
    void moneyIsDollarsAndCentsWithThousandsSeparated() {
        assertEquals("$0.00", Format.money(0));
        assertEquals("$0.02", Format.money(20_000));
        assertEquals("$1.00", Format.money(1_000_000));
        assertEquals("$999.99", Format.money(999_990_000));
        assertEquals("$1,234.56", Format.money(1_234_560_000));
        assertEquals("$12,345.67", Format.money(12_345_670_000L));
        assertEquals("$123,456.78", Format.money(123_456_780_000L));
        assertEquals("$1,234,567.89", Format.money(1_234_567_890_000L));
        assertEquals("$9,223,372,036,854.78", Format.money(Long.MAX_VALUE));
    }

    @Test
    void microDollarsRoundHalfUpToCents() {
        assertEquals("$0.00", Format.money(4_999));
        assertEquals("$0.01", Format.money(5_000));
        assertEquals("$0.01", Format.money(14_999));
        assertEquals("$0.02", Format.money(15_000));
        assertEquals("$1,234.57", Format.money(1_234_565_000));
        assertEquals("$1,234.56", Format.money(1_234_564_999));
        // rounding carries into a new thousands group
        assertEquals("$1,000.00", Format.money(999_995_000));
    }

    @Test
    void negativeAmountsHaveTheSignBeforeTheDollarAndRoundAwayFromZero() {
        assertEquals("-$0.50", Format.money(-500_000));
        assertEquals("-$1,234.56", Format.money(-1_234_560_000));
        assertEquals("-$0.01", Format.money(-5_000));
        assertEquals("-$9,223,372,036,854.78", Format.money(Long.MIN_VALUE));
    }

    @Test
    void anAmountThatRoundsToZeroHasNoSign() {
        assertEquals("$0.00", Format.money(-4_999));
        assertEquals("$0.00", Format.money(-1));
    }

    @Test
    void timesAreUtcToTheMinuteWithTheZoneNamed() {
        assertEquals("2026-12-01 18:35 UTC", Format.time(Instant.parse("2026-12-01T18:35:00Z")));
        // truncated to the minute, never rounded into the next one
        assertEquals("2026-12-01 18:35 UTC", Format.time(Instant.parse("2026-12-01T18:35:59.999999Z")));
        assertEquals("2026-12-31 23:59 UTC", Format.time(Instant.parse("2026-12-31T23:59:59Z")));
        assertEquals("2027-01-01 00:00 UTC", Format.time(OffsetDateTime.parse("2026-12-31T23:00:00-01:00").toInstant()));
        assertEquals("\u2014", Format.time(null));
    }

    @Test
    void daysAreIsoDates() {
        assertEquals("2026-03-07", Format.day(LocalDate.of(2026, 3, 7)));
        assertEquals("\u2014", Format.day(null));
    }
}
