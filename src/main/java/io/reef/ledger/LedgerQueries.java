package io.reef.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.Sql;

/**
 * Ledger entries in (created_at, id) order, a keyset page at a time, so statements over millions
 * of entries never load them all nor scan what they skip.
 */
@ApplicationScoped
public class LedgerQueries {

    private final EntityManager em;

    public LedgerQueries(EntityManager em) {
        this.em = em;
    }

    /** Where the previous page ended: the last entry's (created_at, id). */
    public record Cursor(Instant createdAt, long id) {
    }

    @Transactional
    public List<StatementLine> page(UUID tenantId, Instant from, Instant to, Cursor after, int limit) {
        String sql = "SELECT l.id, l.created_at, l.tenant_id, t.name, j.public_id, l.provider, l.model, "
                + "l.cost_micros, l.price_micros FROM ledger_entry l "
                + "JOIN tenant t ON t.id = l.tenant_id JOIN job j ON j.id = l.job_id "
                + "WHERE l.created_at >= :from AND l.created_at < :to "
                + (tenantId != null ? "AND l.tenant_id = :tenant " : "")
                + (after != null ? "AND (l.created_at, l.id) > (:afterAt, :afterId) " : "")
                + "ORDER BY l.created_at, l.id LIMIT :limit";
        var query = em.createNativeQuery(sql)
                .setParameter("from", Sql.at(from))
                .setParameter("to", Sql.at(to))
                .setParameter("limit", limit);
        if (tenantId != null) {
            query.setParameter("tenant", tenantId);
        }
        if (after != null) {
            query.setParameter("afterAt", Sql.at(after.createdAt())).setParameter("afterId", after.id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> StatementLine.of(Sql.longValue(r[0]), Sql.instant(r[1]), r[2].toString(),
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], Sql.longValue(r[7]), Sql.longValue(r[8])))
                .toList();
    }
}
