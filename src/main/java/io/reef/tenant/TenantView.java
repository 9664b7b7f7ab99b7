package io.reef.tenant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reef.common.Money;
import io.reef.ledger.QuotaSnapshot;

/** A tenant as the operator sees it; amounts are exact USD decimals. */
@RegisterForReflection
public record TenantView(UUID id, String name, String status, QuotaView quota, RateLimitView rateLimit,
        BigDecimal markupPercent, Instant createdAt, Instant updatedAt) {

    @RegisterForReflection
    public record QuotaView(BigDecimal limitUsd, String period, Instant periodStart, BigDecimal spentUsd,
            BigDecimal heldUsd, BigDecimal remainingUsd) {

        public static QuotaView of(QuotaSnapshot q) {
            return new QuotaView(Money.microsToUsd(q.limitMicros()), q.period().wire(), q.periodStart(),
                    Money.microsToUsd(q.spentMicros()), Money.microsToUsd(q.heldMicros()),
                    Money.microsToUsd(q.remainingMicros()));
        }
    }

    @RegisterForReflection
    public record RateLimitView(Integer requestsPerMinute, Integer maxConcurrentJobs) {
    }

    static TenantView of(Tenant t, QuotaSnapshot quota) {
        return new TenantView(t.id, t.name, t.status.wire(), QuotaView.of(quota),
                new RateLimitView(t.requestsPerMinute, t.maxConcurrentJobs), Money.basisPointsToPercent(t.markupBp),
                t.createdAt, t.updatedAt);
    }
}
