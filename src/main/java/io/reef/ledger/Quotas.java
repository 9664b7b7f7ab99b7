package io.reef.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Tenants' quota positions, read with the same period arithmetic the holds use (SQL functions),
 * and the period spend rebuilt from the ledger when a tenant's period changes (charges count in
 * the period in which the job completed).
 */
@ApplicationScoped
public class Quotas {

    private final LedgerRepository ledger;

    public Quotas(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    @Transactional
    public Map<UUID, QuotaSnapshot> read(Collection<UUID> tenantIds, Instant now) {
        return tenantIds.isEmpty() ? Map.of() : ledger.quotas(tenantIds, now);
    }

    public QuotaSnapshot read(UUID tenantId, Instant now) {
        return read(List.of(tenantId), now).get(tenantId);
    }

    /** After a change of a key's budget period (in the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recalculateKeySpend(UUID apiKeyId, Instant now) {
        ledger.recalculateKeySpend(apiKeyId, now);
    }

    /** After a change of the tenant's period (in the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recalculateSpend(UUID tenantId, Instant now) {
        ledger.recalculateSpend(tenantId, now);
    }
}
