package io.reef.console.view;

import java.time.LocalDate;

import io.quarkus.qute.TemplateData;

/**
 * What tenants were charged on one UTC calendar day (a day without charges is a zero day). Holds no
 * upstream cost, so a tenant's own page can show it.
 */
@TemplateData
public record DailySpend(LocalDate day, long entries, long spentMicros) {
}
