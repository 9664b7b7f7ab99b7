package io.reef.console;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.quarkus.qute.TemplateExtension;
import io.reef.common.Money;
import io.reef.console.view.Format;

/**
 * The admin API's views carry exact USD decimals; the console shows them as money like every other
 * amount ({@code {usd:money(t.quota.spentUsd)}} -> {@code $1,234.56}, through {@link Money} and
 * {@link Format#money}), and a share of a limit as a percent ({@code {usd:percent(spent, limit)}}).
 */
@TemplateExtension(namespace = "usd")
public final class UsdFormat {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private UsdFormat() {
    }

    public static String money(BigDecimal usd) {
        return usd == null ? "\u2014" : Format.money(Money.usdToMicros(usd));
    }

    /** {@code part} as a percent of {@code whole}, to a tenth ({@code 12.5%}); an em dash for a zero whole. */
    public static String percent(BigDecimal part, BigDecimal whole) {
        if (part == null || whole == null || whole.signum() == 0) {
            return "\u2014";
        }
        return part.multiply(HUNDRED).divide(whole, 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }
}
