package io.reef.console;

import java.time.Instant;

import io.quarkus.qute.TemplateData;
import io.reef.common.Money;
import io.reef.tenant.TenantView;

/**
 * A tenant's own account as its portal home shows it, in micro-dollars: the quota of its period and
 * the prepaid balance (for a prepaid tenant). The same figures as {@code GET /reef/v1/me}; nothing of
 * the reseller's (no upstream cost, margin or markup).
 */
@TemplateData
public record PortalAccount(String name, String status, String period, Instant periodStart, long limitMicros,
        long spentMicros, long heldMicros, long remainingMicros, boolean prepaid, long creditMicros,
        long lifetimeSpentMicros, long balanceHeldMicros, long availableMicros) {

    static PortalAccount of(TenantView t) {
        TenantView.QuotaView q = t.quota();
        TenantView.BalanceView b = t.balance();
        return new PortalAccount(t.name(), t.status(), q.period(), q.periodStart(), Money.usdToMicros(q.limitUsd()),
                Money.usdToMicros(q.spentUsd()), Money.usdToMicros(q.heldUsd()), Money.usdToMicros(q.remainingUsd()),
                "prepaid".equals(t.billingMode()), Money.usdToMicros(b.grantedUsd()), Money.usdToMicros(b.spentUsd()),
                Money.usdToMicros(b.heldUsd()), Money.usdToMicros(b.availableUsd()));
    }

    /** The share of the limit spent in this period, to a tenth of a percent ("12.5%"); an em dash without a limit. */
    public String spentPercent() {
        return percent(spentMicros, limitMicros);
    }

    /** For a {@code <meter>}: the spent amount, capped at the limit (a meter cannot go beyond its maximum). */
    public long meterValue() {
        return Math.min(spentMicros, limitMicros);
    }

    static String percent(long part, long whole) {
        if (whole <= 0) {
            return "\u2014";
        }
        long tenths = (Math.multiplyExact(part, 1000L) + whole / 2) / whole;
        return tenths / 10 + "." + tenths % 10 + "%";
    }
}
