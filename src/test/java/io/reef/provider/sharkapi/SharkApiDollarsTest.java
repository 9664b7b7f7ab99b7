package io.reef.provider.sharkapi;

import org.junit.jupiter.api.Test;

import io.reef.common.Money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SharkAPI dollar strings are parsed strictly into exact micro-dollars (moved from MoneyTest). */
class SharkApiDollarsTest {

    @Test
    void dollarStringsAreParsedStrictly() {
        assertEquals(20_000, SharkApiDollars.parse("$0.02"));
        assertEquals(300_000, SharkApiDollars.parse("$0.30"));
        assertEquals(12_000_000, SharkApiDollars.parse("$12"));
        assertEquals(11_500, SharkApiDollars.parse("$0.0115"));
        for (String bad : new String[] { "0.02", "$", "$0.0000001", "$-0.02", "about 2 cents", "$0,02", " $0.02", "$1e2" }) {
            assertThrows(Money.UnparseableAmountException.class, () -> SharkApiDollars.parse(bad), bad);
        }
        assertThrows(Money.UnparseableAmountException.class, () -> SharkApiDollars.parse(null));
    }

    @Test
    void amountsAboveAMillionDollarsAreUnreadableNotAnOverflow() {
        assertEquals(Money.MAX_PROVIDER_MICROS, SharkApiDollars.parse("$1000000"));
        assertThrows(Money.UnparseableAmountException.class, () -> SharkApiDollars.parse("$1000000.01"));
    }

    @Test
    void dollarStringsAreFormattedWithAtLeastTwoDecimals() {
        assertEquals("$0.02", SharkApiDollars.format(20_000));
        assertEquals("$0.00", SharkApiDollars.format(0));
        assertEquals("$0.045", SharkApiDollars.format(45_000));
        assertEquals("$1.000001", SharkApiDollars.format(1_000_001));
        assertEquals("$1500.00", SharkApiDollars.format(1_500_000_000));
    }
}
