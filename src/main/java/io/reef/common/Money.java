package io.reef.common;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one place where money is converted. Internally every amount is an integer number of
 * micro-dollars (1 USD = 1,000,000); this class holds the arithmetic and the conversion
 * primitives: a provider's unit (a fixed number of micro-dollars, each provider package declares
 * its own) to micro-dollars and back, and Reef API units (USD decimals, markup
 * percent). No floating point anywhere.
 */
public final class Money {

    public static final long MICROS_PER_USD = 1_000_000L;
    private static final long BASIS_POINTS = 10_000L;
    /**
     * The largest amount a provider may report for one job, in micro-dollars ($1,000,000): anything
     * larger is unreadable (an operator alert, never a charge). It also keeps the tenant's price
     * within a long at every markup Reef allows (at most 10,000 %).
     */
    public static final long MAX_PROVIDER_MICROS = 1_000_000L * MICROS_PER_USD;

    private Money() {
    }

    /**
     * A provider-reported amount in a unit worth {@code microsPerUnit} micro-dollars (a power of
     * ten) to micro-dollars, rounding half-up. A negative amount, or one above
     * {@link #MAX_PROVIDER_MICROS}, throws {@link UnparseableAmountException} ({@code unit} names
     * the unit in its message).
     */
    public static long unitsToMicros(BigDecimal amount, long microsPerUnit, String unit) {
        if (amount.signum() < 0) {
            throw new UnparseableAmountException("negative " + unit + ": " + abbreviated(amount));
        }
        // compared before scaling: an amount like 1e1000000 must not be expanded digit by digit
        if (amount.compareTo(BigDecimal.valueOf(MAX_PROVIDER_MICROS).divide(BigDecimal.valueOf(microsPerUnit))) > 0) {
            throw new UnparseableAmountException(unit + " too large: " + abbreviated(amount));
        }
        return amount.multiply(BigDecimal.valueOf(microsPerUnit)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Micro-dollars in a unit worth {@code microsPerUnit} micro-dollars (a power of ten), exact, e.g. 460.5. */
    public static BigDecimal microsToUnits(long micros, long microsPerUnit) {
        return plain(BigDecimal.valueOf(micros).divide(BigDecimal.valueOf(microsPerUnit)));
    }

    /** An amount for a log line: scientific notation, at most a few significant digits. */
    private static String abbreviated(BigDecimal amount) {
        return amount.round(new MathContext(6)).toString();
    }

    /** Micro-dollars as a dollar string: at least two decimals ("$0.02"), more when needed ("$0.0115"). */
    public static String formatDollars(long micros) {
        BigDecimal usd = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        if (usd.scale() < 2) {
            usd = usd.setScale(2, RoundingMode.UNNECESSARY);
        }
        return "$" + usd.toPlainString();
    }

    /** Micro-dollars as an exact USD decimal for Reef's own API (e.g. 1.5, 0.000001). */
    public static BigDecimal microsToUsd(long micros) {
        return plain(BigDecimal.valueOf(micros, 6));
    }

    /** An exact USD decimal (at most 6 decimals) to micro-dollars; more precision throws ArithmeticException. */
    public static long usdToMicros(BigDecimal usd) {
        return usd.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    /** A markup percent with at most two decimals (12.5 = 12.50 %) to basis points. */
    public static int percentToBasisPoints(BigDecimal percent) {
        return percent.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).intValueExact();
    }

    public static BigDecimal basisPointsToPercent(int basisPoints) {
        return plain(BigDecimal.valueOf(basisPoints, 2));
    }

    /** Tenant price for an upstream cost: cost x (1 + markup), rounded half-up to a micro-dollar. */
    public static long applyMarkup(long costMicros, int markupBasisPoints) {
        long scaled = Math.multiplyExact(costMicros, BASIS_POINTS + markupBasisPoints);
        return Math.addExact(scaled, BASIS_POINTS / 2) / BASIS_POINTS;
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
    }

    /** A provider reported an amount Reef cannot read exactly. Never treated as zero. */
    public static class UnparseableAmountException extends RuntimeException {
        public UnparseableAmountException(String message) {
            super(message);
        }
    }
}
