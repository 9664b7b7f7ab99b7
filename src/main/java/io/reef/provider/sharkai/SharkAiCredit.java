package io.reef.provider.sharkai;

import java.math.BigDecimal;

import io.reef.common.Money;

/** Shark AI's cost unit: 1 USD = 10,000 credit, so 1 credit = 100 micro-dollars (see {@link Money}). */
public final class SharkAiCredit {

    public static final long MICROS_PER_CREDIT = 100L;

    private SharkAiCredit() {
    }

    /**
     * Credit (possibly fractional) to micro-dollars, rounding half-up. A negative credit, or one
     * above {@link Money#MAX_PROVIDER_MICROS}, throws {@link Money.UnparseableAmountException}.
     */
    public static long toMicros(BigDecimal credit) {
        return Money.unitsToMicros(credit, MICROS_PER_CREDIT, "credit");
    }

    /** Micro-dollars as credit, exact (two decimals at most), e.g. 460 or 460.5. */
    public static BigDecimal fromMicros(long micros) {
        return Money.microsToUnits(micros, MICROS_PER_CREDIT);
    }
}
