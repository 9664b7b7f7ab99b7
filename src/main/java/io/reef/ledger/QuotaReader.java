package io.reef.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.Sql;

/** Reads tenants' quota positions with the same period arithmetic the holds use (SQL functions). */
@ApplicationScoped
public class QuotaReader {

    private static final String READ = """
            SELECT id, quota_limit_micros, quota_period, reef_period_start(quota_period, :now),
                   reef_spent_in_period(spent_period_start, spent_micros, quota_period, :now),
                   held_micros, active_jobs, reef_rate_count(rate_window_start, rate_window_count, :now)
            FROM tenant WHERE id IN (:ids)
            """;

    private final EntityManager em;

    public QuotaReader(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Map<UUID, QuotaSnapshot> read(Collection<UUID> tenantIds, Instant now) {
        Map<UUID, QuotaSnapshot> result = new HashMap<>();
        if (tenantIds.isEmpty()) {
            return result;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(READ)
                .setParameter("now", Sql.at(now))
                .setParameter("ids", tenantIds)
                .getResultList();
        for (Object[] r : rows) {
            result.put((UUID) r[0], new QuotaSnapshot(Sql.longValue(r[1]), QuotaPeriod.fromWire((String) r[2]),
                    Sql.instant(r[3]), Sql.longValue(r[4]), Sql.longValue(r[5]), (int) Sql.longValue(r[6]),
                    (int) Sql.longValue(r[7])));
        }
        return result;
    }

    public QuotaSnapshot read(UUID tenantId, Instant now) {
        return read(List.of(tenantId), now).get(tenantId);
    }
}
