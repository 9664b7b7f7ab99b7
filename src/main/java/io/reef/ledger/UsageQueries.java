package io.reef.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.Money;
import io.reef.common.Sql;

/** Usage reports from the ledger (index range scans on (tenant_id, created_at)). */
@ApplicationScoped
public class UsageQueries {

    private final EntityManager em;

    public UsageQueries(EntityManager em) {
        this.em = em;
    }

    /** @param withCost the operator's view: upstream cost and margin as well as the tenant's price */
    @Transactional
    public UsageReport usage(UUID tenantId, UsageQuery query, boolean withCost) {
        String key = switch (query.groupBy()) {
            case DAY -> "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
            case MODEL -> "model";
            case PROVIDER -> "provider";
        };
        String provider = query.groupBy() == UsageQuery.GroupBy.MODEL ? "provider" : "NULL";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + key + " AS k, " + provider + " AS p, count(*), "
                + "sum(price_micros), sum(cost_micros) FROM ledger_entry "
                + "WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :to "
                + "GROUP BY 1, 2 ORDER BY 1, 2")
                .setParameter("tenant", tenantId)
                .setParameter("from", Sql.at(query.from()))
                .setParameter("to", Sql.at(query.to()))
                .getResultList();
        List<UsageReport.Row> result = new ArrayList<>();
        long jobs = 0;
        long price = 0;
        long cost = 0;
        for (Object[] r : rows) {
            long n = Sql.longValue(r[2]);
            long p = Sql.longValue(r[3]);
            long c = Sql.longValue(r[4]);
            result.add(row((String) r[0], (String) r[1], n, p, c, withCost));
            jobs += n;
            price += p;
            cost += c;
        }
        return new UsageReport(tenantId.toString(), query.from(), query.to(), query.groupBy().wire(), result,
                row(null, null, jobs, price, cost, withCost));
    }

    private static UsageReport.Row row(String key, String provider, long jobs, long price, long cost, boolean withCost) {
        return new UsageReport.Row(key, provider, jobs, Money.microsToUsd(price),
                withCost ? Money.microsToUsd(cost) : null, withCost ? Money.microsToUsd(price - cost) : null);
    }
}
