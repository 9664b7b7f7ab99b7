package io.reef.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.reef.common.ApiException;
import io.reef.common.ReefClock;
import io.reef.event.BalanceEvents;

/**
 * Prepaid credit: grants and corrections are appended to {@code credit_entry} and added to the
 * tenant's granted total in one transaction holding the tenant row's lock. A prepaid tenant's
 * admission counts the unexpired part of it ({@code reef_unexpired_credit}, V5).
 */
@ApplicationScoped
public class Credits {

    private final CreditRepository credits;
    private final ReefClock clock;
    private final BalanceEvents balanceEvents;

    public Credits(CreditRepository credits, ReefClock clock, BalanceEvents balanceEvents) {
        this.credits = credits;
        this.clock = clock;
        this.balanceEvents = balanceEvents;
    }

    /** Appends a grant or correction; 404 without the tenant, 409 (nothing changed) for a reference already used. */
    @Transactional
    public CreditEntry grant(UUID tenantId, CreditGrant grant) {
        Instant now = clock.now();
        if (!credits.lockTenant(tenantId)) {
            throw ApiException.notFound("No tenant " + tenantId);
        }
        Long id = credits.append(tenantId, grant, now);
        if (id == null) {
            throw new ApiException(409, "conflict_error", "This tenant already has a credit entry with reference '"
                    + grant.reference() + "'; nothing was changed");
        }
        // a top-up re-arms tenant.balance.low, a correction may fire it: decided in this transaction (the outbox)
        balanceEvents.afterCredit(tenantId, now);
        return CreditEntry.of(id, tenantId, grant.amountMicros(), grant.reference(), grant.note(), grant.expiresAt(), now,
                now);
    }

    /** The tenant's entries, newest first; 404 without the tenant. */
    @Transactional
    public List<CreditEntry> list(UUID tenantId, Long beforeId, int limit) {
        if (!credits.exists(tenantId)) {
            throw ApiException.notFound("No tenant " + tenantId);
        }
        return credits.page(tenantId, beforeId, limit, clock.now());
    }
}
