package io.reef.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Money conversions are exact integer micro-dollar arithmetic. */
class MoneyTest {

    @Test
    void creditIsAHundredMicroDollarsAndFractionsRoundHalfUp() {
        assertEquals(40_000, Money.creditToMicros(new BigDecimal("400")));
        assertEquals(1, Money.creditToMicros(new BigDecimal("0.005")));
        assertEquals(0, Money.creditToMicros(new BigDecimal("0.004")));
        assertEquals(123_457, Money.creditToMicros(new BigDecimal("1234.565")));
        assertEquals(new BigDecimal("1388.81"), Money.microsToCredit(138_881));
        assertEquals(new BigDecimal("400"), Money.microsToCredit(40_000));
        assertThrows(Money.UnparseableAmountException.class, () -> Money.creditToMicros(new BigDecimal("-1")));
    }

    @Test
    void providerAmountsAboveAMillionDollarsAreUnreadableNotAnOverflow() {
        assertEquals(Money.MAX_PROVIDER_MICROS, Money.creditToMicros(new BigDecimal("10000000000")));
        assertEquals(Money.MAX_PROVIDER_MICROS, Money.parseDollars("$1000000"));
        for (String credit : new String[] {"10000000000.01", "1e30", "1e1000000"}) {
            assertThrows(Money.UnparseableAmountException.class, () -> Money.creditToMicros(new BigDecimal(credit)), credit);
        }
        assertThrows(Money.UnparseableAmountException.class, () -> Money.parseDollars("$1000000.01"));
        // the largest readable amount at the largest markup (10,000 %) still fits
        assertEquals(101 * Money.MAX_PROVIDER_MICROS, Money.applyMarkup(Money.MAX_PROVIDER_MICROS, 1_000_000));
    }

    @Test
    void dollarStringsAreParsedStrictly() {
        assertEquals(20_000, Money.parseDollars("$0.02"));
        assertEquals(300_000, Money.parseDollars("$0.30"));
        assertEquals(12_000_000, Money.parseDollars("$12"));
        assertEquals(11_500, Money.parseDollars("$0.0115"));
        for (String bad : new String[] {"0.02", "$", "$0.0000001", "$-0.02", "about 2 cents", "$0,02", " $0.02", "$1e2"}) {
            assertThrows(Money.UnparseableAmountException.class, () -> Money.parseDollars(bad), bad);
        }
        assertThrows(Money.UnparseableAmountException.class, () -> Money.parseDollars(null));
    }

    @Test
    void dollarStringsAreFormattedWithAtLeastTwoDecimals() {
        assertEquals("$0.02", Money.formatDollars(20_000));
        assertEquals("$0.00", Money.formatDollars(0));
        assertEquals("$0.045", Money.formatDollars(45_000));
        assertEquals("$1.000001", Money.formatDollars(1_000_001));
        assertEquals("$1500.00", Money.formatDollars(1_500_000_000));
    }

    @Test
    void markupIsExactInMicroDollars() {
        assertEquals(20_000, Money.applyMarkup(20_000, 0));
        assertEquals(30_000, Money.applyMarkup(20_000, 5_000));       // 50 %
        assertEquals(138_881, Money.applyMarkup(123_450, 1_250));     // 12.5 %: 138,881.25 -> 138,881
        assertEquals(2, Money.applyMarkup(1, 5_000));                 // 1.5 -> 2 (half-up)
        assertEquals(1, Money.applyMarkup(1, 4_999));                 // 1.4999 -> 1
        assertEquals(3_333_333_333_333L, Money.applyMarkup(1_111_111_111_111L, 20_000)); // 200 %
        assertThrows(ArithmeticException.class, () -> Money.applyMarkup(Long.MAX_VALUE / 2, 10_000));
    }

    @Test
    void usdAndPercentAreExactOrRejected() {
        assertEquals(1_000_000, Money.usdToMicros(new BigDecimal("1.00")));
        assertEquals(1, Money.usdToMicros(new BigDecimal("0.000001")));
        assertThrows(ArithmeticException.class, () -> Money.usdToMicros(new BigDecimal("0.0000001")));
        assertEquals(1_225, Money.percentToBasisPoints(new BigDecimal("12.25")));
        assertThrows(ArithmeticException.class, () -> Money.percentToBasisPoints(new BigDecimal("12.255")));
        assertEquals(new BigDecimal("0.138881"), Money.microsToUsd(138_881));
        assertEquals(new BigDecimal("1"), Money.microsToUsd(1_000_000));
    }
}
