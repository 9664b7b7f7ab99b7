package io.reef.provider.sharkapi;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import io.reef.common.Money;

/** SharkAPI's cost unit: dollar strings such as {@code "$0.02"} (see {@link Money}). */
public final class SharkApiDollars {

    private static final Pattern DOLLARS = Pattern.compile("\\$(\\d{1,9})(\\.\\d{1,6})?");

    private SharkApiDollars() {
    }

    /**
     * Strictly parses a dollar string such as {@code "$0.02"}; anything else, or an amount above
     * {@link Money#MAX_PROVIDER_MICROS}, throws {@link Money.UnparseableAmountException}.
     */
    public static long parse(String text) {
        if (text == null || !DOLLARS.matcher(text).matches()) {
            throw new Money.UnparseableAmountException("not a dollar amount: " + (text == null ? "null" : '"' + text + '"'));
        }
        return Money.unitsToMicros(new BigDecimal(text.substring(1)), Money.MICROS_PER_USD, "amount");
    }

    /** Micro-dollars as a dollar string: at least two decimals ("$0.02"), more when needed ("$0.0115"). */
    public static String format(long micros) {
        return Money.formatDollars(micros);
    }
}
