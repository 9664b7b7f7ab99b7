package io.reef.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reef.common.Money;

/** A row of {@code credit_entry} as the operator sees it (amounts in exact USD). */
@RegisterForReflection
public record CreditEntry(long id, UUID tenantId, BigDecimal amountUsd, String kind, String reference, String note,
        Instant expiresAt, boolean expired, Instant createdAt) {

    static CreditEntry of(long id, UUID tenantId, long amountMicros, String reference, String note, Instant expiresAt,
            Instant createdAt, Instant now) {
        return new CreditEntry(id, tenantId, Money.microsToUsd(amountMicros), amountMicros > 0 ? "grant" : "correction",
                reference, note, expiresAt, expiresAt != null && !expiresAt.isAfter(now), createdAt);
    }
}
