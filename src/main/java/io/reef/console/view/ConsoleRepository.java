package io.reef.console.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.reef.common.Sql;

/**
 * The console's read-only SQL: sums over index range scans of {@code ledger_entry} by
 * {@code (created_at)} or {@code (tenant_id, created_at)}, counts of jobs in flight over the partial
 * index of non-terminal jobs, the newest events by their primary key. Nothing is written and no
 * entry is loaded, only aggregates. {@code src/bench/ledger/console-*.sql} runs these very
 * statements at 1,000,000 ledger entries ({@code ConsoleBenchRunsTheRepositorySqlTest} keeps them
 * equal).
 */
@ApplicationScoped
public class ConsoleRepository {

    static final String ONE_SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    /**
     * Every tenant's charges by UTC day, each day its own index range scan of {@code ledger_created}:
     * no function runs per entry (a {@code GROUP BY to_char(created_at ...)} over the window was
     * about 3 times slower at 2,000,000 entries, see the ledger benchmark). Every day of the window
     * has a row, zero days included.
     */
    static final String DAILY = """
            SELECT to_char(d AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s.entries, s.price, s.cost
            FROM generate_series(CAST(:from AS timestamptz), CAST(:to AS timestamptz) - interval '24 hours',
                                 interval '24 hours') AS d
            CROSS JOIN LATERAL (
              SELECT count(*) AS entries, COALESCE(sum(price_micros), 0) AS price, COALESCE(sum(cost_micros), 0) AS cost
              FROM ledger_entry
              WHERE created_at >= d AND created_at < d + interval '24 hours') s""";

    /**
     * One tenant's charges by UTC day, provider and model (the chart and the by-model table from one
     * statement), each day its own range scan of {@code ledger_tenant_created}; days without charges
     * have no row.
     */
    static final String TENANT_DAILY_BY_MODEL = """
            SELECT to_char(d AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s.provider, s.model, s.entries, s.price, s.cost
            FROM generate_series(CAST(:from AS timestamptz), CAST(:to AS timestamptz) - interval '24 hours',
                                 interval '24 hours') AS d
            CROSS JOIN LATERAL (
              SELECT provider, model, count(*) AS entries, sum(price_micros) AS price, sum(cost_micros) AS cost
              FROM ledger_entry
              WHERE tenant_id = :tenant AND created_at >= d AND created_at < d + interval '24 hours'
              GROUP BY provider, model) s""";

    static final String IN_FLIGHT = "SELECT count(*) FROM job WHERE terminal_at IS NULL";

    static final String TENANT_IN_FLIGHT = "SELECT count(*) FROM job WHERE tenant_id = :tenant AND terminal_at IS NULL";

    static final String RECENT_EVENTS = """
            SELECT e.id, e.type, e.tenant_id, t.name, e.created_at
            FROM event e LEFT JOIN tenant t ON t.id = e.tenant_id
            ORDER BY e.seq DESC
            LIMIT :limit""";

    private final EntityManager em;

    public ConsoleRepository(EntityManager em) {
        this.em = em;
    }

    /** Charges of one UTC day (and, for one tenant, of one provider's model); {@code from} and {@code to} are UTC midnights. */
    record DayRow(LocalDate day, String provider, String model, long entries, long priceMicros, long costMicros) {
    }

    /**
     * Makes the caller's (new) transaction one read-only snapshot, so every figure of a page sees the
     * same committed rows. Must be its first statement.
     */
    void oneSnapshot() {
        em.createNativeQuery(ONE_SNAPSHOT).executeUpdate();
    }

    List<DayRow> daily(Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(DAILY)
                .setParameter("from", Sql.at(from))
                .setParameter("to", Sql.at(to))
                .getResultList();
        return rows.stream().map(r -> new DayRow(LocalDate.parse((String) r[0]), null, null, Sql.longValue(r[1]),
                Sql.longValue(r[2]), Sql.longValue(r[3]))).toList();
    }

    List<DayRow> tenantDailyByModel(UUID tenantId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TENANT_DAILY_BY_MODEL)
                .setParameter("tenant", tenantId)
                .setParameter("from", Sql.at(from))
                .setParameter("to", Sql.at(to))
                .getResultList();
        return rows.stream().map(r -> new DayRow(LocalDate.parse((String) r[0]), (String) r[1], (String) r[2],
                Sql.longValue(r[3]), Sql.longValue(r[4]), Sql.longValue(r[5]))).toList();
    }

    long jobsInFlight() {
        return Sql.longValue(em.createNativeQuery(IN_FLIGHT).getSingleResult());
    }

    long jobsInFlight(UUID tenantId) {
        return Sql.longValue(em.createNativeQuery(TENANT_IN_FLIGHT).setParameter("tenant", tenantId).getSingleResult());
    }

    List<RecentEvent> recentEvents(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(RECENT_EVENTS).setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new RecentEvent((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                Sql.instant(r[4]))).toList();
    }
}
