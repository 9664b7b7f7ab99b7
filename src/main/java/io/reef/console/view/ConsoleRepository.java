package io.reef.console.view;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.reef.common.Sql;

/**
 * The console's read-only SQL: sums over the daily rollup {@code ledger_daily} (V10: every ledger
 * entry summed by tenant, UTC day, provider and model, kept equal to {@code ledger_entry} in each
 * entry's own transaction), so a page reads a few rows per tenant and day however many entries
 * there are; counts of jobs in flight over the partial index of non-terminal jobs, the newest
 * events by their primary key. Nothing is written and no entry is loaded, only aggregates.
 * {@code src/bench/ledger/console-*.sql} runs these very statements at 1,000,000 ledger entries
 * ({@code ConsoleBenchRunsTheRepositorySqlTest} keeps them equal).
 */
@ApplicationScoped
public class ConsoleRepository {

    static final String ONE_SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    /**
     * Every tenant's charges by UTC day, a range scan of {@code ledger_daily_day}; days without
     * charges have no row. {@code :from} and {@code :to} are dates ({@code :to} excluded).
     */
    static final String DAILY = """
            SELECT to_char(CAST(day AS timestamp), 'YYYY-MM-DD'), sum(entries), sum(price_micros), sum(cost_micros)
            FROM ledger_daily
            WHERE day >= CAST(:from AS date) AND day < CAST(:to AS date)
            GROUP BY day""";

    /**
     * One tenant's charges by UTC day, provider and model (the chart and the by-model table from one
     * statement), a range scan of the rollup's primary key; days without charges have no row.
     */
    static final String TENANT_DAILY_BY_MODEL = """
            SELECT to_char(CAST(day AS timestamp), 'YYYY-MM-DD'), provider, model, entries, price_micros, cost_micros
            FROM ledger_daily
            WHERE tenant_id = :tenant AND day >= CAST(:from AS date) AND day < CAST(:to AS date)""";

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

    /**
     * Charges of one UTC day (and, for one tenant, of one provider's model); {@code from} to {@code to} (excluded) are UTC
     * days.
     */
    record DayRow(LocalDate day, String provider, String model, long entries, long priceMicros, long costMicros) {
    }

    /**
     * Makes the caller's (new) transaction one read-only snapshot, so every figure of a page sees the
     * same committed rows. Must be its first statement.
     */
    void oneSnapshot() {
        em.createNativeQuery(ONE_SNAPSHOT).executeUpdate();
    }

    List<DayRow> daily(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(DAILY)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        return rows.stream().map(r -> new DayRow(LocalDate.parse((String) r[0]), null, null, Sql.longValue(r[1]),
                Sql.longValue(r[2]), Sql.longValue(r[3]))).toList();
    }

    List<DayRow> tenantDailyByModel(UUID tenantId, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TENANT_DAILY_BY_MODEL)
                .setParameter("tenant", tenantId)
                .setParameter("from", from)
                .setParameter("to", to)
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
