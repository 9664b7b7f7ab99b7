package io.reef.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A tenant's monthly statement: balances at the start and the end of {@code [from, to)}, the credit
 * granted and expired in it, and its charges by provider and model. Balance at T is credit granted
 * before T and not expired at T minus charges before T, so closing = opening + credits - expired -
 * charges. Holds are not spend and are not on it. The upstream cost and the margin are the
 * operator's (null, and omitted, on the tenant's own statement).
 */
@RegisterForReflection
@TemplateData
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Statement(TenantRef tenant, String month, Instant from, Instant to, boolean complete, String billingMode,
        BigDecimal openingBalanceUsd, List<Credit> credits, BigDecimal creditsUsd, BigDecimal expiredCreditUsd,
        List<Charge> charges, long chargesCount, BigDecimal totalChargesUsd, BigDecimal totalCostUsd,
        BigDecimal totalMarginUsd, BigDecimal closingBalanceUsd) {

    @RegisterForReflection
    @TemplateData
    public record TenantRef(String id, String name) {
    }

    /** A grant (positive) or correction (negative) written in the month. */
    @RegisterForReflection
    @TemplateData
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Credit(Instant createdAt, String reference, String note, BigDecimal amountUsd, Instant expiresAt) {
    }

    /** The month's charges (and late charges) of one provider's model. */
    @RegisterForReflection
    @TemplateData
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Charge(String provider, String model, long count, BigDecimal priceUsd, BigDecimal costUsd,
            BigDecimal marginUsd) {
    }

    /** Whether this is the operator's statement (with cost and margin). */
    public boolean operatorView() {
        return totalCostUsd != null;
    }
}
