package io.reef.common;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The one place where money is converted. Internally every amount is an integer number of
 * micro-dollars (1 USD = 1,000,000); this class turns provider units (Shark AI credit,
 * SharkAPI dollar strings) and Reef API units (USD decimals, markup percent) into micro-dollars
 * and back. No floating point anywhere.
 */
public final class Money {

    public static final long MICROS_PER_USD = 1_000_000L;
    /** Shark AI: 1 USD = 10,000 credit, so 1 credit = 100 micro-dollars. */
    public static final long MICROS_PER_CREDIT = 100L;
    private static final BigDecimal CREDIT_MICROS = BigDecimal.valueOf(MICROS_PER_CREDIT);
    private static final long BASIS_POINTS = 10_000L;
    private static final Pattern DOLLARS = Pattern.compile("\\$(\\d{1,9})(\\.\\d{1,6})?");
    /**
     * The largest amount a provider may report for one job, in micro-dollars ($1,000,000): anything
     * larger is unreadable (an operator alert, never a charge). It also keeps the tenant's price
     * within a long at every markup Reef allows (at most 10,000 %).
     */
    public static final long MAX_PROVIDER_MICROS = 1_000_000L * MICROS_PER_USD;
    private static final BigDecimal MAX_CREDIT = BigDecimal.valueOf(MAX_PROVIDER_MICROS, 2);

    private Money() {
    }

    /**
     * Shark AI credit (possibly fractional) to micro-dollars, rounding half-up. A negative credit,
     * or one above {@link #MAX_PROVIDER_MICROS}, throws {@link UnparseableAmountException}.
     */
    public static long creditToMicros(BigDecimal credit) {
        if (credit.signum() < 0) {
            throw new UnparseableAmountException("negative credit: " + abbreviated(credit));
        }
        // compared before scaling: a credit like 1e1000000 must not be expanded digit by digit
        if (credit.compareTo(MAX_CREDIT) > 0) {
            throw new UnparseableAmountException("credit too large: " + abbreviated(credit));
        }
        return credit.multiply(CREDIT_MICROS).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** An amount for a log line: scientific notation, at most a few significant digits. */
    private static String abbreviated(BigDecimal amount) {
        return amount.round(new MathContext(6)).toString();
    }

    /** Micro-dollars as Shark AI credit, exact (two decimals at most), e.g. 460 or 460.5. */
    public static BigDecimal microsToCredit(long micros) {
        return plain(BigDecimal.valueOf(micros, 2));
    }

    /**
     * Strictly parses a SharkAPI dollar string such as {@code "$0.02"}; anything else, or an amount
     * above {@link #MAX_PROVIDER_MICROS}, throws.
     */
    public static long parseDollars(String text) {
        if (text == null || !DOLLARS.matcher(text).matches()) {
            throw new UnparseableAmountException("not a dollar amount: " + (text == null ? "null" : '"' + text + '"'));
        }
        long micros = new BigDecimal(text.substring(1)).movePointRight(6).longValueExact();
        if (micros > MAX_PROVIDER_MICROS) {
            throw new UnparseableAmountException("amount too large: " + text);
        }
        return micros;
    }

    /** Micro-dollars as a SharkAPI dollar string: at least two decimals ("$0.02"), more when needed ("$0.0115"). */
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
