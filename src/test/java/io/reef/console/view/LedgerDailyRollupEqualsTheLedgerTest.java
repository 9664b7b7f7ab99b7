package io.reef.console.view;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.reef.common.ReefClock;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.LedgerDb;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily rollup the console reads ({@code ledger_daily}, V10) equals {@code SELECT ... FROM
 * ledger_entry GROUP BY tenant, UTC day, provider, model} at every moment: after charges made at
 * once by several tenants through the real API (Shark AI sync generations through the simulator), a
 * late charge by the reconciler, entries a micro-second either side of a UTC midnight, and two
 * settlements of one tenant that lock its row in opposite orders. Real PostgreSQL; each comparison
 * is one statement, so one snapshot of both tables, over the whole ledger.
 */
@QuarkusTest
class LedgerDailyRollupEqualsTheLedgerTest {

    static final String PATH = "/api/v1/images/generations";

    /** Rows of either side that the other side does not have, the whole ledger, in one snapshot. */
    static final String DIFFERENCES = """
            WITH l AS (
              SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date AS day, provider, model, count(*) AS entries,
                     sum(price_micros) AS price_micros, sum(cost_micros) AS cost_micros
              FROM ledger_entry GROUP BY 1, 2, 3, 4),
            r AS (SELECT tenant_id, day, provider, model, entries, price_micros, cost_micros FROM ledger_daily)
            SELECT count(*) FROM ((SELECT * FROM l EXCEPT SELECT * FROM r) UNION ALL (SELECT * FROM r EXCEPT SELECT * FROM l)) x
            """;

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    LedgerDb ledger;
    @Inject
    ReefClock clock;
    @Inject
    EntityManager em;
    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void concurrentChargesOfSeveralTenantsOnTwoDaysAndALateChargeAreRolledUpExactly() {
        simulator.behaviour("sharkai", "rollup-a", Behaviour.builder().immediate().credit(new BigDecimal("250")).build());
        simulator.behaviour("sharkai", "rollup-b", Behaviour.builder().immediate().credit("37.5").build());
        simulator.behaviour("sharkai", "rollup-late",
                Behaviour.builder().pendingMillis(600_000).credit(new BigDecimal("500")).build());
        List<Api.TestTenant> tenants = List.of(Api.newTenant("100", "month"), Api.newTenant("100", "month"),
                Api.newTenant("100", "month"), Api.newTenant("100", "month"));
        LocalDate firstDay = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);

        generateAtOnce(tenants, 24); // 6 per tenant, two models
        String late = tenant(tenants.get(0).key())
                .body(Map.of("model", "rollup-late", "prompt", "p", "async", true, "timeout", 30))
                .post(PATH).then().statusCode(202).extract().path("id");

        clock.shift(Duration.ofDays(1)); // the next UTC day: the late job expires, its hold is voided
        LocalDate secondDay = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
        Eventually.until("the job expires", Duration.ofSeconds(15), () -> "expired".equals(db.jobStatus(late)));
        generateAtOnce(tenants, 16);
        simulator.finishNow("sharkai", db.upstreamId(late));
        Eventually.until("the late completion is charged", Duration.ofSeconds(15),
                () -> "completed".equals(db.jobStatus(late)));
        assertEquals(List.of("late_charge"), ledger.ledgerKinds(late));

        // and seeded entries, at once, a micro-second either side of the second day's midnight
        Instant midnight = secondDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Concurrently.run(8, i -> {
            db.seedCharge(tenants.get(i / 2).id(), "sharkapi", "2k", 100_000 + i, 120_000 + i,
                    i % 2 == 0 ? midnight.minusNanos(1_000) : midnight);
            return null;
        });

        assertEquals(0L, differences());
        for (Api.TestTenant t : tenants) {
            UUID id = UUID.fromString(t.id());
            boolean first = t == tenants.get(0);
            // 6 generations on the first day (+ 1 seed a micro-second before midnight), 4 (+ 1 seed at midnight,
            // + the late charge for the first tenant) on the second
            assertEquals(7L, rolledUp(id, firstDay), "first day of " + t.id());
            assertEquals(first ? 6L : 5L, rolledUp(id, secondDay), "second day of " + t.id());
            assertEquals(first ? 13L : 12L, db.ledgerEntriesForTenant(t.id()));
        }
        assertEquals(Map.of("rollup-a", 3L, "rollup-b", 3L, "2k", 1L), modelsOf(tenants.get(1).id(), firstDay));
    }

    /**
     * A hold re-size locks the tenant row before the job's charge is inserted; a poll's settlement
     * inserts the charge first and locks the tenant row after it. Both transactions commit and both
     * entries are rolled up: the rollup row is locked only at commit, after the tenant row.
     */
    @Test
    void aSettlementThatLockedTheTenantFirstAndOneThatInsertedFirstBothCommit() throws Exception {
        String t = Api.newTenant("100", "month").id();
        Instant at = clock.now();
        try (Connection resize = transaction();
                Connection poll = transaction();
                Connection watcher = dataSource.getConnection()) {
            execute(resize, "UPDATE tenant SET updated_at = updated_at WHERE id = '" + t + "'");
            insertCharge(poll, t, at);
            int pollPid = pid(poll);
            CompletableFuture<Void> pollMovesCounters = CompletableFuture.runAsync(() -> {
                try {
                    execute(poll, "UPDATE tenant SET updated_at = updated_at WHERE id = '" + t + "'");
                    poll.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Eventually.until("the poll waits for the tenant row", Duration.ofSeconds(10),
                    () -> waitsForALock(watcher, pollPid));
            insertCharge(resize, t, at);
            resize.commit();
            pollMovesCounters.get(20, TimeUnit.SECONDS);
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        assertEquals(2L, rolledUp(UUID.fromString(t), day));
        assertEquals(0L, differences());
    }

    @Test
    void theLedgerRefusesUpdatesDeletesAndTruncation() {
        String t = Api.newTenant("100", "month").id();
        db.seedCharge(t, "sharkai", "rollup-a", 10_000, 12_000, clock.now());

        assertRefused(() -> db.update("UPDATE ledger_entry SET price_micros = price_micros + 1 WHERE tenant_id = ?1",
                UUID.fromString(t)));
        assertRefused(() -> db.update("DELETE FROM ledger_entry WHERE tenant_id = ?1", UUID.fromString(t)));
        // were TRUNCATE allowed, the transaction is still rolled back
        assertRefused(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("TRUNCATE ledger_entry").executeUpdate();
            throw new IllegalStateException("TRUNCATE was not refused");
        }));
        assertEquals(1L, db.ledgerEntriesForTenant(t));
        assertEquals(0L, differences());
    }

    /** V10's backfill ({@code reef_ledger_daily_rebuild()}) builds exactly what the trigger keeps. */
    @Test
    void theBackfillRebuildsWhatTheTriggerKept() {
        String t = Api.newTenant("100", "month").id();
        db.seedCharge(t, "sharkai", "rollup-a", 10_000, 12_000, clock.now());
        assertEquals(1L, db.ledgerEntriesForTenant(t));
        long unchanged = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("CREATE TEMPORARY TABLE kept_daily ON COMMIT DROP AS SELECT * FROM ledger_daily")
                    .executeUpdate();
            long rows = ((Number) em.createNativeQuery("SELECT reef_ledger_daily_rebuild()").getSingleResult()).longValue();
            long changed = ((Number) em.createNativeQuery("SELECT count(*) FROM ((SELECT * FROM kept_daily EXCEPT "
                    + "SELECT * FROM ledger_daily) UNION ALL (SELECT * FROM ledger_daily EXCEPT SELECT * FROM kept_daily)) x")
                    .getSingleResult()).longValue();
            assertTrue(rows > 0, "rows rebuilt: " + rows);
            return changed;
        });
        assertEquals(0L, unchanged);
    }

    private void generateAtOnce(List<Api.TestTenant> tenants, int requests) {
        List<Integer> statuses = Concurrently.run(requests, i -> tenant(tenants.get(i % 4).key())
                .body(Map.of("model", (i / 4) % 2 == 0 ? "rollup-a" : "rollup-b", "prompt", "p"))
                .post(PATH).then().extract().statusCode());
        assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
    }

    private long differences() {
        return ((Number) db.value(DIFFERENCES)).longValue();
    }

    private long rolledUp(UUID tenantId, LocalDate day) {
        return ((Number) db.value("SELECT COALESCE(sum(entries), 0) FROM ledger_daily WHERE tenant_id = ?1 AND day = ?2",
                tenantId, day)).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> modelsOf(String tenantId, LocalDate day) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT model, entries FROM ledger_daily WHERE tenant_id = :t AND day = :d")
                .setParameter("t", UUID.fromString(tenantId)).setParameter("d", day).getResultList());
        Map<String, Long> models = new java.util.HashMap<>();
        rows.forEach(r -> models.put((String) r[0], ((Number) r[1]).longValue()));
        return models;
    }

    private Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A completed job of the tenant (its first key) and its charge, as the settlement inserts it. */
    private static void insertCharge(Connection c, String tenantId, Instant at) throws SQLException {
        try (PreparedStatement job = c.prepareStatement("INSERT INTO job (public_id, tenant_id, api_key_id, provider, "
                + "model, status, hold_micros, hold_state, markup_bp, expected_cost_micros, cost_micros, price_micros, "
                + "timeout_seconds, created_at, updated_at, terminal_at) SELECT ?, id, "
                + "(SELECT k.id FROM api_key k WHERE k.tenant_id = t.id LIMIT 1), 'sharkai', 'rollup-lock', 'completed', "
                + "12000, 'posted', 2000, 10000, 10000, 12000, 300, ?, ?, ? FROM tenant t WHERE t.id = ? RETURNING id")) {
            var when = at.atOffset(ZoneOffset.UTC);
            job.setString(1, "rollup_" + UUID.randomUUID());
            job.setObject(2, when);
            job.setObject(3, when);
            job.setObject(4, when);
            job.setObject(5, UUID.fromString(tenantId));
            long jobId;
            try (ResultSet rs = job.executeQuery()) {
                rs.next();
                jobId = rs.getLong(1);
            }
            try (PreparedStatement entry = c.prepareStatement("INSERT INTO ledger_entry (job_id, tenant_id, provider, "
                    + "model, cost_micros, price_micros, created_at, kind) VALUES (?, ?, 'sharkai', 'rollup-lock', 10000, "
                    + "12000, ?, 'charge')")) {
                entry.setLong(1, jobId);
                entry.setObject(2, UUID.fromString(tenantId));
                entry.setObject(3, when);
                entry.executeUpdate();
            }
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean waitsForALock(Connection watcher, int pid) {
        try (PreparedStatement s = watcher.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'")) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(Runnable write) {
        RuntimeException refused = assertThrows(RuntimeException.class, write::run);
        StringBuilder messages = new StringBuilder();
        for (Throwable c = refused; c != null; c = c.getCause()) {
            messages.append(c.getMessage()).append(" / ");
        }
        assertTrue(messages.toString().contains("ledger_entry is append-only"), messages.toString());
    }
}
