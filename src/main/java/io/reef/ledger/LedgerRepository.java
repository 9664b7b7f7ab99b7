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
import io.reef.event.BalanceAlert;

/**
 * Every statement on {@code ledger_entry} and on the tenant's and key's counters (held amount,
 * open-job count, period spend, lifetime spend, rate window), except the hold placement itself,
 * which is one statement with the job row's INSERT ({@code JobRepository.insertWithHold}). All of
 * it is SQL: counters move by arithmetic in UPDATEs (atomic across replicas; the tenant row is
 * locked before the key row, see {@link Holds}), and the ledger is append-only, its unique job id
 * making a charge exactly-once. The statements run in the caller's JDBC transaction.
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
    private static final String API_KEY = "api_key";

    /**
     * Takes a posted or voided hold (and its job slot) off the tenant and its key, and adds a charge
     * to their period spend and the tenant's lifetime spend: tenant row first, then the key's; returns
     * the balance alerts the move made due (V7).
     */
    private static final String MOVE_COUNTERS = """
            SELECT * FROM reef_move_counters(:tenant, :key, :heldOff, :slotsOff, :spent, :now)
            """;

    private static final String INSERT_ENTRY = """
            INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at, kind)
            VALUES (:job, :tenant, :provider, :model, :cost, :price, :now, :kind)
            ON CONFLICT (job_id) DO NOTHING
            """;

    /**
     * Moves an open hold by the difference (tenant row first, then the key's) and reads back the
     * tenant's quota and prepaid positions (V5).
     */
    private static final String RESIZE_HOLD = """
            SELECT spent_and_held, quota_limit, lifetime_and_held, unexpired_credit
            FROM reef_resize_hold(:tenant, :key, :delta, :now)
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

    /** Rebuilds a key's period spend from the ledger (its jobs' entries) for the key's (new) period. */
    private static final String RECALCULATE_KEY_SPEND = """
            UPDATE api_key k SET
              spent_period_start = reef_period_start(k.quota_period, :now),
              spent_micros = COALESCE((SELECT sum(l.price_micros) FROM ledger_entry l JOIN job j ON j.id = l.job_id
                                       WHERE j.api_key_id = k.id AND l.tenant_id = k.tenant_id
                                         AND l.created_at >= reef_period_start(k.quota_period, :now)), 0)
            WHERE k.id = :key
            """;

    private static final String QUOTAS = """
            SELECT id, quota_limit_micros, quota_period, reef_period_start(quota_period, :now),
                   reef_spent_in_period(spent_period_start, spent_micros, quota_period, :now),
                   held_micros, billing_mode, reef_unexpired_credit(id, granted_micros, :now), lifetime_spent_micros
            FROM tenant WHERE id IN (:ids)
            """;

    private final EntityManager em;

    public LedgerRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Moves the tenant's and key's counters (in the caller's transaction, after the job's pending
     * change); returns the balance alerts due (in the same round trip, see V7).
     */
    List<BalanceAlert> moveCounters(UUID tenantId, UUID apiKeyId, long heldOffMicros, int slotsOff, long spentMicros,
            Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql(MOVE_COUNTERS, JOB, TENANT, API_KEY, "event", "credit_entry")
                .setParameter("key", apiKeyId)
                .setParameter("heldOff", heldOffMicros)
                .setParameter("slotsOff", slotsOff)
                .setParameter("spent", spentMicros)
                .setParameter("now", Sql.at(now))
                .setParameter("tenant", tenantId)
                .getResultList();
        return BalanceAlert.fromRows(rows);
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

    Holds.Exposure resizeHold(UUID tenantId, UUID apiKeyId, long deltaMicros, Instant now) {
        Object[] row = (Object[]) sql(RESIZE_HOLD, TENANT, API_KEY)
                .setParameter("key", apiKeyId)
                .setParameter("delta", deltaMicros)
                .setParameter("tenant", tenantId)
                .setParameter("now", Sql.at(now))
                .getSingleResult();
        return new Holds.Exposure(Sql.longValue(row[0]), Sql.longValue(row[1]), Sql.longValue(row[2]),
                row[3] == null ? null : Sql.longValue(row[3]));
    }

    void recalculateSpend(UUID tenantId, Instant now) {
        sql(RECALCULATE_SPEND, TENANT, "ledger_entry")
                .setParameter("now", Sql.at(now))
                .setParameter("tenant", tenantId)
                .executeUpdate();
    }

    void recalculateKeySpend(UUID apiKeyId, Instant now) {
        sql(RECALCULATE_KEY_SPEND, API_KEY, "ledger_entry")
                .setParameter("now", Sql.at(now))
                .setParameter("key", apiKeyId)
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
                    Sql.instant(r[3]), Sql.longValue(r[4]), Sql.longValue(r[5]), new QuotaSnapshot.Balance((String) r[6],
                            Sql.longValue(r[7]), Sql.longValue(r[8]), Sql.longValue(r[5]))));
        }
        return result;
    }

    /** One group of a usage report: key (and provider when grouped by model), jobs, price and cost. */
    record UsageRow(String key, String provider, long jobs, long priceMicros, long costMicros) {
    }

    /** A tenant's usage, or every tenant's ({@code tenantId} null, the operator's). */
    List<UsageRow> usage(UUID tenantId, UsageQuery query) {
        String key = switch (query.groupBy()) {
            case DAY -> "to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
            case MODEL -> "l.model";
            case PROVIDER -> "l.provider";
            case ACCOUNT -> "j.upstream_account"; // the account that created (and was billed for) the job
        };
        boolean withProvider = query.groupBy() == UsageQuery.GroupBy.MODEL || query.groupBy() == UsageQuery.GroupBy.ACCOUNT;
        Query sql = em.createNativeQuery("SELECT " + key + " AS k, " + (withProvider ? "l.provider" : "NULL") + " AS p, "
                + "count(*), sum(l.price_micros), sum(l.cost_micros) FROM ledger_entry l "
                + (query.groupBy() == UsageQuery.GroupBy.ACCOUNT ? "JOIN job j ON j.id = l.job_id " : "")
                + "WHERE l.created_at >= :from AND l.created_at < :to "
                + (tenantId != null ? "AND l.tenant_id = :tenant " : "")
                + "GROUP BY 1, 2 ORDER BY 1, 2")
                .setParameter("from", Sql.at(query.from()))
                .setParameter("to", Sql.at(query.to()));
        if (tenantId != null) {
            sql.setParameter("tenant", tenantId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql.getResultList();
        return rows.stream().map(r -> new UsageRow((String) r[0], (String) r[1], Sql.longValue(r[2]),
                Sql.longValue(r[3]), Sql.longValue(r[4]))).toList();
    }

    /**
     * Ledger entries matching the filter, a keyset page at a time in (created_at, id) order: after
     * the cursor going forward (oldest first), or before it going back (newest first), so lists and
     * exports over millions of entries never load them all nor scan what they skip (index range
     * scans on (tenant_id, created_at, id) and (created_at, id)).
     */
    List<LedgerRow> entries(LedgerFilter filter, UsageQueries.Cursor cursor, UsageQueries.Direction direction, int limit) {
        boolean forward = direction == UsageQueries.Direction.FORWARD;
        String sql = "SELECT l.id, l.created_at, l.tenant_id, t.name, j.public_id, l.provider, l.model, l.kind, "
                + "l.cost_micros, l.price_micros FROM ledger_entry l "
                + "JOIN tenant t ON t.id = l.tenant_id JOIN job j ON j.id = l.job_id WHERE true "
                + (filter.from() != null ? "AND l.created_at >= :from " : "")
                + (filter.to() != null ? "AND l.created_at < :to " : "")
                + (filter.tenantId() != null ? "AND l.tenant_id = :tenant " : "")
                + (filter.provider() != null ? "AND l.provider = :provider " : "")
                + (filter.model() != null ? "AND l.model = :model " : "")
                + (filter.kind() != null ? "AND l.kind = :kind " : "")
                + (cursor != null ? "AND (l.created_at, l.id) " + (forward ? ">" : "<") + " (:cursorAt, :cursorId) " : "")
                + (forward ? "ORDER BY l.created_at, l.id " : "ORDER BY l.created_at DESC, l.id DESC ")
                + "LIMIT :limit";
        Query query = em.createNativeQuery(sql).setParameter("limit", limit);
        if (filter.from() != null) {
            query.setParameter("from", Sql.at(filter.from()));
        }
        if (filter.to() != null) {
            query.setParameter("to", Sql.at(filter.to()));
        }
        if (filter.tenantId() != null) {
            query.setParameter("tenant", filter.tenantId());
        }
        if (filter.provider() != null) {
            query.setParameter("provider", filter.provider());
        }
        if (filter.model() != null) {
            query.setParameter("model", filter.model());
        }
        if (filter.kind() != null) {
            query.setParameter("kind", filter.kind().wire());
        }
        if (cursor != null) {
            query.setParameter("cursorAt", Sql.at(cursor.createdAt())).setParameter("cursorId", cursor.id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new LedgerRow(Sql.longValue(r[0]), Sql.instant(r[1]), (UUID) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], LedgerKind.fromWire((String) r[7]), Sql.longValue(r[8]),
                Sql.longValue(r[9]))).toList();
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
