package io.reef.provider.sharkai;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.reef.common.Money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shark AI credit is exact integer micro-dollar arithmetic (moved from MoneyTest). */
class SharkAiCreditTest {

    @Test
    void creditIsAHundredMicroDollarsAndFractionsRoundHalfUp() {
        assertEquals(40_000, SharkAiCredit.toMicros(new BigDecimal("400")));
        assertEquals(1, SharkAiCredit.toMicros(new BigDecimal("0.005")));
        assertEquals(0, SharkAiCredit.toMicros(new BigDecimal("0.004")));
        assertEquals(123_457, SharkAiCredit.toMicros(new BigDecimal("1234.565")));
        assertEquals(new BigDecimal("1388.81"), SharkAiCredit.fromMicros(138_881));
        assertEquals(new BigDecimal("400"), SharkAiCredit.fromMicros(40_000));
        assertThrows(Money.UnparseableAmountException.class, () -> SharkAiCredit.toMicros(new BigDecimal("-1")));
    }

    @Test
    void creditAboveAMillionDollarsIsUnreadableNotAnOverflow() {
        assertEquals(Money.MAX_PROVIDER_MICROS, SharkAiCredit.toMicros(new BigDecimal("10000000000")));
        for (String credit : new String[] { "10000000000.01", "1e30", "1e1000000" }) {
            assertThrows(Money.UnparseableAmountException.class, () -> SharkAiCredit.toMicros(new BigDecimal(credit)), credit);
        }
    }
}
