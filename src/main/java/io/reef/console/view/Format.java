package io.reef.console.view;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import io.reef.common.Money;

/**
 * How the console and the portal show amounts and times: money as {@code $1,234.56} (micro-dollars
 * rounded half-up to cents, for display only; the exact amount stays in the data), times in UTC
 * with the zone named ({@code 2026-12-01 18:35 UTC}). In Qute templates: {@code {fmt:money(micros)}},
 * {@code {fmt:time(instant)}}, {@code {fmt:day(date)}}.
 */
@TemplateExtension(namespace = "fmt")
public final class Format {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** What a missing time or day reads as (a key never revoked, a job not finished). */
    static final String NONE = "\u2014";

    private Format() {
    }

    /** {@code $1,234.56}, {@code -$0.50}; half a cent rounds away from zero, and a rounded zero has no sign. */
    public static String money(long micros) {
        BigDecimal cents = Money.microsToUsd(micros).setScale(2, RoundingMode.HALF_UP);
        String digits = cents.abs().toPlainString();
        int point = digits.indexOf('.');
        return (cents.signum() < 0 ? "-$" : "$") + grouped(digits.substring(0, point)) + digits.substring(point);
    }

    /** {@code 2026-12-01 18:35 UTC} (to the minute); an em dash for none. */
    public static String time(Instant at) {
        return at == null ? NONE : MINUTE.format(at) + " UTC";
    }

    /** {@code 2026-12-01} (a UTC calendar day); an em dash for none. */
    public static String day(LocalDate day) {
        return day == null ? NONE : day.toString();
    }

    /** Thousands separated by commas: 1234567 -> 1,234,567. */
    private static String grouped(String whole) {
        StringBuilder out = new StringBuilder(whole.length() + whole.length() / 3);
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(whole.charAt(i));
        }
        return out.toString();
    }
}
