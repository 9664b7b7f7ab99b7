package io.reef.console;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateData;

/** A month of the portal's statements list: {@code 2026-12} (its path), "December 2026", and whether it is still running. */
@TemplateData
public record PortalMonth(String month, String label, boolean current) {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);

    static PortalMonth of(YearMonth month, YearMonth now) {
        return new PortalMonth(month.toString(), LABEL.format(month), month.equals(now));
    }
}
