package io.reef.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;

import io.reef.common.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;

/**
 * Every statement on {@code ledger_entry} and on the tenant's counters (held amount, open-job
 * count, period spend, rate window), except the hold placement itself, which is one statement
 * with the job row's INSERT ({@code JobRepository.insertWithHold}). All of it is SQL: counters move
 * by arithmetic in one UPDATE (atomic across replicas), and the ledger is append-only, its unique
 * job id making a charge exactly-once. Blocking statements run in the caller's JDBC transaction;
 * the one read on the admission path runs on the reactive client.
 *
 * <p>
 * Statements declare the tables whose pending entity changes they depend on (Hibernate query
 * spaces), and Hibernate writes those changes before running them: a job's posted or voided hold
 * before the tenant's counters move (so the tenant row, locked by that UPDATE, stays locked only
 * until the commit) and before its ledger entry; a tenant's new settings before its spend or
 * quota position is computed from them.
 */
@ApplicationScoped
public class LedgerRepository {

    private static final String JOB = "job";
    private static final String TENANT = "tenant";

    /** The terms of the placing statement (JobRepository.insertWithHold), read back. */
    private static final String ADMISSION_TERMS = """
            SELECT status, max_concurrent_jobs, active_jobs, requests_per_minute,
                   reef_rate_count(rate_window_start, rate_window_count, CAST($2 AS timestamptz)),
                   reef_spent_in_period(spent_period_start, spent_micros, quota_period, CAST($2 AS timestamptz)) + held_micros + CAST($3 AS bigint),
                   quota_limit_micros
            FROM tenant WHERE id = CAST($1 AS uuid)
            """;

    /** Takes a posted or voided hold (and its job slot) off the tenant and adds a charge to its period spend. */
    private static final String MOVE_COUNTERS = """
            UPDATE tenant SET
              held_micros = held_micros - :heldOff,
              active_jobs = active_jobs - :slotsOff,
              spent_micros = reef_spent_in_period(spent_period_start, spent_micros, quota_period, :now) + :spent,
              spent_period_start = reef_period_start(quota_period, :now)
            WHERE id = :tenant
            """;

    private static final String INSERT_ENTRY = """
            INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at, kind)
            VALUES (:job, :tenant, :provider, :model, :cost, :price, :now, :kind)
            ON CONFLICT (job_id) DO NOTHING
            """;

    /** Moves an open hold by the difference and reads back the tenant's period spend + open holds, and its limit. */
    private static final String RESIZE_HOLD = """
            UPDATE tenant SET held_micros = held_micros + :delta WHERE id = :tenant
            RETURNING reef_spent_in_period(spent_period_start, spent_micros, quota_period, :now) + held_micros,
                      quota_limit_micros
            """;

    /** Rebuilds the period spend from the ledger for the tenant's (new) period. */
    private static final String RECALCULATE_SPEND = """
            UPDATE tenant t SET
              spent_period_start = reef_period_start(t.quota_period, :now),
              spent_micros = COALESCE((SELECT sum(l.price_micros) FROM ledger_entry l
                                       WHERE l.tenant_id = t.id
                                         AND l.created_at >= reef_period_start(t.quota_period, :now)), 0)
            WHERE t.id = :tenant
            """;

    private static final String QUOTAS = """
            SELECT id, quota_limit_micros, quota_period, reef_period_start(quota_period, :now),
                   reef_spent_in_period(spent_period_start, spent_micros, quota_period, :now),
                   held_micros
            FROM tenant WHERE id IN (:ids)
            """;

    private final EntityManager em;
    private final ReactivePg pg;

    public LedgerRepository(EntityManager em, ReactivePg pg) {
        this.em = em;
        this.pg = pg;
    }

    /** A tenant's admission terms now, with a hold of {@code holdMicros} added; null if there is no such tenant. */
    public record AdmissionTerms(String status, Integer maxConcurrentJobs, int activeJobs, Integer requestsPerMinute,
            int requestsThisMinute, long spentAndHeldWithHoldMicros, long limitMicros) {
    }

    Uni<AdmissionTerms> admissionTerms(UUID tenantId, long holdMicros, Instant now) {
        return pg.execute(ADMISSION_TERMS, Tuple.of(tenantId, Sql.at(now), holdMicros)).map(rows -> {
            RowIterator<Row> found = rows.iterator();
            if (!found.hasNext()) {
                return null;
            }
            Row r = found.next();
            return new AdmissionTerms(r.getString(0), r.getInteger(1), r.getInteger(2), r.getInteger(3),
                    r.getInteger(4), r.getLong(5), r.getLong(6));
        });
    }

    /** Moves the tenant's counters (in the caller's transaction, after the job's pending change). */
    void moveCounters(UUID tenantId, long heldOffMicros, int slotsOff, long spentMicros, Instant now) {
        sql(MOVE_COUNTERS, JOB, TENANT)
                .setParameter("heldOff", heldOffMicros)
                .setParameter("slotsOff", slotsOff)
                .setParameter("spent", spentMicros)
                .setParameter("now", Sql.at(now))
                .setParameter("tenant", tenantId)
                .executeUpdate();
    }

    /** Appends the job's one ledger entry; false (nothing written) if the job already has one. */
    boolean insertEntry(LedgerEntry entry, LedgerKind kind, Instant now) {
        return sql(INSERT_ENTRY, JOB, TENANT, "ledger_entry")
                .setParameter("job", entry.jobId())
                .setParameter("tenant", entry.tenantId())
                .setParameter("provider", entry.provider())
                .setParameter("model", entry.model())
                .setParameter("cost", entry.costMicros())
                .setParameter("price", entry.priceMicros())
                .setParameter("now", Sql.at(now))
                .setParameter("kind", kind.wire())
                .executeUpdate() == 1;
    }

    Holds.Exposure resizeHold(UUID tenantId, long deltaMicros, Instant now) {
        Object[] row = (Object[]) sql(RESIZE_HOLD, TENANT)
                .setParameter("delta", deltaMicros)
                .setParameter("tenant", tenantId)
                .setParameter("now", Sql.at(now))
                .getSingleResult();
        return new Holds.Exposure(Sql.longValue(row[0]), Sql.longValue(row[1]));
    }

    void recalculateSpend(UUID tenantId, Instant now) {
        sql(RECALCULATE_SPEND, TENANT, "ledger_entry")
                .setParameter("now", Sql.at(now))
                .setParameter("tenant", tenantId)
                .executeUpdate();
    }

    Map<UUID, QuotaSnapshot> quotas(Collection<UUID> tenantIds, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql(QUOTAS, TENANT)
                .setParameter("now", Sql.at(now))
                .setParameter("ids", tenantIds)
                .getResultList();
        Map<UUID, QuotaSnapshot> result = new HashMap<>();
        for (Object[] r : rows) {
            result.put((UUID) r[0], new QuotaSnapshot(Sql.longValue(r[1]), QuotaPeriod.fromWire((String) r[2]),
                    Sql.instant(r[3]), Sql.longValue(r[4]), Sql.longValue(r[5])));
        }
        return result;
    }

    /** One group of a usage report: key (and provider when grouped by model), jobs, price and cost. */
    record UsageRow(String key, String provider, long jobs, long priceMicros, long costMicros) {
    }

    List<UsageRow> usage(UUID tenantId, UsageQuery query) {
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
        return rows.stream().map(r -> new UsageRow((String) r[0], (String) r[1], Sql.longValue(r[2]),
                Sql.longValue(r[3]), Sql.longValue(r[4]))).toList();
    }

    /**
     * Ledger entries in (created_at, id) order, a keyset page at a time, so statements over millions
     * of entries never load them all nor scan what they skip.
     */
    List<StatementLine> statementPage(UUID tenantId, Instant from, Instant to, UsageQueries.Cursor after, int limit) {
        String sql = "SELECT l.id, l.created_at, l.tenant_id, t.name, j.public_id, l.provider, l.model, "
                + "l.cost_micros, l.price_micros FROM ledger_entry l "
                + "JOIN tenant t ON t.id = l.tenant_id JOIN job j ON j.id = l.job_id "
                + "WHERE l.created_at >= :from AND l.created_at < :to "
                + (tenantId != null ? "AND l.tenant_id = :tenant " : "")
                + (after != null ? "AND (l.created_at, l.id) > (:afterAt, :afterId) " : "")
                + "ORDER BY l.created_at, l.id LIMIT :limit";
        Query query = em.createNativeQuery(sql)
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

    /** A native statement that first has Hibernate write the pending entity changes to {@code tables}. */
    private Query sql(String statement, String... tables) {
        NativeQuery<?> query = em.createNativeQuery(statement).unwrap(NativeQuery.class);
        for (String table : tables) {
            query.addSynchronizedQuerySpace(table);
        }
        return query;
    }
}
