package io.reef.ledger;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.Sql;

/**
 * When a tenant's period changes, its period-spend counter is rebuilt from the ledger for the new
 * period (charges count in the period in which the job completed).
 */
@ApplicationScoped
public class SpendRecalculation {

    private static final String RECALCULATE = """
            UPDATE tenant t SET
              spent_period_start = reef_period_start(t.quota_period, :now),
              spent_micros = COALESCE((SELECT sum(l.price_micros) FROM ledger_entry l
                                       WHERE l.tenant_id = t.id
                                         AND l.created_at >= reef_period_start(t.quota_period, :now)), 0)
            WHERE t.id = :tenant
            """;

    private final EntityManager em;

    public SpendRecalculation(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recalculate(UUID tenantId, Instant now) {
        em.createNativeQuery(RECALCULATE).setParameter("now", Sql.at(now)).setParameter("tenant", tenantId).executeUpdate();
    }
}
