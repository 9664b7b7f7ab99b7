package io.reef.tenant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reef.common.Money;

/**
 * A key as the operator sees it, with its own controls (never the secret, except {@code key}
 * right after issuing, and never its hash). Controls that are not set are shown as null.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(UUID id, UUID tenantId, String name, String prefix, String status, Instant createdAt,
        Instant revokedAt, @JsonInclude(JsonInclude.Include.ALWAYS) KeyQuotaView quota,
        @JsonInclude(JsonInclude.Include.ALWAYS) TenantView.RateLimitView rateLimit,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> allowedModels,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant expiresAt, String key) {

    /** The key's own budget and its position now. */
    @RegisterForReflection
    public record KeyQuotaView(BigDecimal limitUsd, String period, Instant periodStart, BigDecimal spentUsd,
            BigDecimal heldUsd, BigDecimal remainingUsd) {
    }

    /** A key's spend in its budget period (since periodStart) and its open holds, in micro-dollars. */
    record Position(Instant periodStart, long spentMicros, long heldMicros) {
    }

    static KeyView of(ApiKey key, Position position, Instant now) {
        String status = key.revokedAt != null ? "revoked" : key.expired(now) ? "expired" : "active";
        KeyQuotaView quota = null;
        if (key.quotaLimitMicros != null) {
            long remaining = Math.max(0, key.quotaLimitMicros - position.spentMicros() - position.heldMicros());
            quota = new KeyQuotaView(Money.microsToUsd(key.quotaLimitMicros), key.quotaPeriod.wire(),
                    position.periodStart(), Money.microsToUsd(position.spentMicros()),
                    Money.microsToUsd(position.heldMicros()), Money.microsToUsd(remaining));
        }
        return new KeyView(key.id, key.tenantId, key.name, key.prefix, status, key.createdAt, key.revokedAt, quota,
                new TenantView.RateLimitView(key.requestsPerMinute, key.maxConcurrentJobs),
                key.allowedModels == null ? null : List.of(key.allowedModels), key.expiresAt, null);
    }

    KeyView withSecret(String secret) {
        return new KeyView(id, tenantId, name, prefix, status, createdAt, revokedAt, quota, rateLimit, allowedModels,
                expiresAt, secret);
    }
}
