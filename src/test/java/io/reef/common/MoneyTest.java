package io.reef.common;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Money conversions are exact integer micro-dollar arithmetic. */
class MoneyTest {

    @Test
    void providerUnitsAreConvertedExactlyAndRoundHalfUp() {
        assertEquals(40_000, Money.unitsToMicros(new BigDecimal("400"), 100, "credit"));
        assertEquals(1, Money.unitsToMicros(new BigDecimal("0.005"), 100, "credit"));
        assertEquals(0, Money.unitsToMicros(new BigDecimal("0.004"), 100, "credit"));
        assertEquals(20_000, Money.unitsToMicros(new BigDecimal("0.02"), Money.MICROS_PER_USD, "amount"));
        assertEquals(new BigDecimal("1388.81"), Money.microsToUnits(138_881, 100));
        assertEquals(new BigDecimal("400"), Money.microsToUnits(40_000, 100));
        assertThrows(Money.UnparseableAmountException.class, () -> Money.unitsToMicros(new BigDecimal("-1"), 100, "credit"));
    }

    @Test
    void providerAmountsAboveAMillionDollarsAreUnreadableNotAnOverflow() {
        assertEquals(Money.MAX_PROVIDER_MICROS, Money.unitsToMicros(new BigDecimal("10000000000"), 100, "credit"));
        for (String amount : new String[] { "10000000000.01", "1e30", "1e1000000" }) {
            assertThrows(Money.UnparseableAmountException.class,
                    () -> Money.unitsToMicros(new BigDecimal(amount), 100, "credit"), amount);
        }
        assertThrows(Money.UnparseableAmountException.class,
                () -> Money.unitsToMicros(new BigDecimal("1000000.01"), Money.MICROS_PER_USD, "amount"));
        // the largest readable amount at the largest markup (10,000 %) still fits
        assertEquals(101 * Money.MAX_PROVIDER_MICROS, Money.applyMarkup(Money.MAX_PROVIDER_MICROS, 1_000_000));
    }

    @Test
    void dollarsAreFormattedWithAtLeastTwoDecimals() {
        assertEquals("$0.02", Money.formatDollars(20_000));
        assertEquals("$0.00", Money.formatDollars(0));
        assertEquals("$1500.00", Money.formatDollars(1_500_000_000));
    }

    @Test
    void markupIsExactInMicroDollars() {
        assertEquals(20_000, Money.applyMarkup(20_000, 0));
        assertEquals(30_000, Money.applyMarkup(20_000, 5_000)); // 50 %
        assertEquals(138_881, Money.applyMarkup(123_450, 1_250)); // 12.5 %: 138,881.25 -> 138,881
        assertEquals(2, Money.applyMarkup(1, 5_000)); // 1.5 -> 2 (half-up)
        assertEquals(1, Money.applyMarkup(1, 4_999)); // 1.4999 -> 1
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
