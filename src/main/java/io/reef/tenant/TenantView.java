package io.reef.tenant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reef.common.Money;
import io.reef.ledger.QuotaSnapshot;

/** A tenant as the operator sees it; amounts are exact USD decimals. */
@RegisterForReflection
public record TenantView(UUID id, String name, String status, QuotaView quota, RateLimitView rateLimit,
        BigDecimal markupPercent, String billingMode, BalanceView balance, List<String> allowedModels,
        List<Integer> alertThresholdsPercent, BigDecimal lowBalanceUsd, Instant createdAt, Instant updatedAt) {

    @RegisterForReflection
    public record QuotaView(BigDecimal limitUsd, String period, Instant periodStart, BigDecimal spentUsd,
            BigDecimal heldUsd, BigDecimal remainingUsd) {

        public static QuotaView of(QuotaSnapshot q) {
            return new QuotaView(Money.microsToUsd(q.limitMicros()), q.period().wire(), q.periodStart(),
                    Money.microsToUsd(q.spentMicros()), Money.microsToUsd(q.heldMicros()),
                    Money.microsToUsd(q.remainingMicros()));
        }
    }

    /** The prepaid balance (shown for every tenant; it caps spending only when prepaid). */
    @RegisterForReflection
    public record BalanceView(String mode, BigDecimal grantedUsd, BigDecimal spentUsd, BigDecimal heldUsd,
            BigDecimal availableUsd) {

        public static BalanceView of(QuotaSnapshot.Balance b) {
            return new BalanceView(b.mode(), Money.microsToUsd(b.grantedMicros()), Money.microsToUsd(b.spentMicros()),
                    Money.microsToUsd(b.heldMicros()), Money.microsToUsd(b.availableMicros()));
        }
    }

    @RegisterForReflection
    public record RateLimitView(Integer requestsPerMinute, Integer maxConcurrentJobs) {
    }

    static TenantView of(Tenant t, QuotaSnapshot quota) {
        return new TenantView(t.id, t.name, t.status.wire(), QuotaView.of(quota),
                new RateLimitView(t.requestsPerMinute, t.maxConcurrentJobs), Money.basisPointsToPercent(t.markupBp),
                t.billingMode.wire(), BalanceView.of(quota.balance()),
                t.allowedModels == null ? null : List.of(t.allowedModels), List.of(t.alertThresholdsPercent),
                t.lowBalanceMicros == null ? null : Money.microsToUsd(t.lowBalanceMicros), t.createdAt, t.updatedAt);
    }
}
