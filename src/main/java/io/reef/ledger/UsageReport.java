package io.reef.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Spend grouped by day, model or provider. {@code spent_usd} is the tenant's price; the operator's
 * view adds the upstream cost and the margin (null, and omitted, in the tenant's view).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageReport(String tenantId, Instant from, Instant to, String groupBy, List<Row> rows, Row total) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String key, String provider, long jobs, BigDecimal spentUsd, BigDecimal costUsd, BigDecimal marginUsd) {
    }
}
