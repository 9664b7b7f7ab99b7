package io.reef.console.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's and a tenant's figures equal the seeded ledger to the micro-dollar, with entries
 * one micro-second either side of every boundary (today, this month, the chart's 30 days, tomorrow),
 * in real PostgreSQL. Each run reads a randomly chosen far-future month that no other test writes
 * to, so the all-tenant sums are exactly this test's seeds.
 */
@QuarkusTest
class ConsoleQueriesSumTheLedgerByDayModelAndPeriodTest {

    static final long MICRO = 1_000; // one micro-second, in nanoseconds

    @Inject
    ConsoleQueries queries;

    @Inject
    Db db;

    @Inject
    EntityManager em;

    /** Noon on the 20th of a random month in 2200..8998: the month began 19 days ago, the chart 29. */
    Instant now;
    LocalDate today;
    String a;
    String b;
    String inFlightJob;

    @BeforeEach
    void seed() {
        int year = 2200 + ThreadLocalRandom.current().nextInt(6_798);
        int month = 1 + ThreadLocalRandom.current().nextInt(12);
        today = LocalDate.of(year, month, 20);
        now = today.atTime(12, 0).toInstant(ZoneOffset.UTC);
        a = Api.createTenant(Map.of("name", "Console A", "quota", Map.of("limit_usd", 1000, "period", "month")));
        Api.issueKey(a);
        b = Api.createTenant(Map.of("name", "Console B", "quota", Map.of("limit_usd", 1000, "period", "month")));
        Api.issueKey(b);
        Instant midnight = start(today);
        db.seedCharge(a, "sharkai", "model-x", 1_000_000, 1_200_000, midnight); // today's first micro-second
        db.seedCharge(a, "sharkapi", "2k", 300_000, 360_001, now.minusNanos(MICRO));
        db.seedCharge(a, "sharkai", "model-x", 2_000_000, 2_400_000, midnight.minusNanos(MICRO)); // yesterday's last
        db.seedCharge(a, "sharkai", "model-y", 500_000, 650_000, start(today.withDayOfMonth(1))); // the month's first
        db.seedCharge(a, "sharkai", "model-x", 100_000, 120_000, start(today.withDayOfMonth(1)).minusNanos(MICRO));
        db.seedCharge(a, "sharkapi", "1k", 10_000, 12_000, start(today.minusDays(29))); // the chart's first
        db.seedCharge(a, "sharkai", "model-x", 7_000_000, 9_000_000, start(today.minusDays(29)).minusNanos(MICRO));
        db.seedCharge(a, "sharkai", "model-x", 8_000_000, 9_500_000, start(today.plusDays(1))); // tomorrow
        db.seedCharge(b, "sharkai", "model-x", 40_000, 50_000, midnight.plus(6, ChronoUnit.HOURS));
        inFlightJob = "console_" + UUID.randomUUID();
        db.update("INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, status, hold_micros, hold_state, "
                + "markup_bp, expected_cost_micros, timeout_seconds, created_at, updated_at) "
                + "SELECT ?1, id, (SELECT k.id FROM api_key k WHERE k.tenant_id = t.id LIMIT 1), 'sharkai', 'model-x', "
                + "'running', 0, 'open', 0, 0, 300, now(), now() FROM tenant t WHERE t.id = ?2", inFlightJob,
                UUID.fromString(a));
    }

    @AfterEach
    void finishTheInFlightJob() {
        db.update("UPDATE job SET status = 'failed', hold_state = 'voided', terminal_at = now() WHERE public_id = ?1",
                inFlightJob);
    }

    @Test
    void aTenantsPageSumsOnlyItsOwnEntriesInEachWindow() {
        TenantActivity t = QuarkusTransaction.requiringNew().call(() -> queries.tenant(UUID.fromString(a), now));

        assertEquals(new Spend(2, 1_560_001, 1_300_000), t.today());
        assertEquals(260_001, t.today().marginMicros());
        assertEquals(new Spend(4, 4_610_001, 3_800_000), t.month());
        assertEquals(1, t.jobsInFlight());

        List<DailySpend> days = t.last30Days();
        assertEquals(30, days.size());
        assertEquals(today.minusDays(29), days.get(0).day());
        assertEquals(today, days.get(29).day());
        for (int i = 1; i < 30; i++) {
            assertEquals(days.get(i - 1).day().plusDays(1), days.get(i).day());
        }
        assertEquals(new DailySpend(today.minusDays(29), 1, 12_000), days.get(0));
        assertEquals(new DailySpend(today, 2, 1_560_001), days.get(29));
        assertEquals(new DailySpend(today.minusDays(1), 1, 2_400_000), days.get(28));
        assertEquals(new DailySpend(today.withDayOfMonth(1), 1, 650_000), day(days, today.withDayOfMonth(1)));
        assertEquals(new DailySpend(today.withDayOfMonth(1).minusDays(1), 1, 120_000),
                day(days, today.withDayOfMonth(1).minusDays(1)));
        assertEquals(new DailySpend(today.minusDays(2), 0, 0), days.get(27)); // an empty day is a zero day
        assertEquals(12_000 + 120_000 + 650_000 + 2_400_000 + 1_560_001,
                days.stream().mapToLong(DailySpend::spentMicros).sum());

        assertEquals(List.of(
                new ModelSpend("sharkai", "model-x", 3, 3_720_000, 3_100_000),
                new ModelSpend("sharkai", "model-y", 1, 650_000, 500_000),
                new ModelSpend("sharkapi", "2k", 1, 360_001, 300_000),
                new ModelSpend("sharkapi", "1k", 1, 12_000, 10_000)), t.byModel());

        TenantActivity other = QuarkusTransaction.requiringNew().call(() -> queries.tenant(UUID.fromString(b), now));
        assertEquals(new Spend(1, 50_000, 40_000), other.today());
        assertEquals(0, other.jobsInFlight());
        assertEquals(List.of(new ModelSpend("sharkai", "model-x", 1, 50_000, 40_000)), other.byModel());
    }

    @Test
    void theDashboardSumsEveryTenant() {
        Dashboard d = QuarkusTransaction.requiringNew().call(() -> queries.dashboard(now, 0));

        assertEquals(new Spend(3, 1_610_001, 1_340_000), d.today());
        assertEquals(new Spend(5, 4_660_001, 3_840_000), d.month());
        assertEquals(820_001, d.month().marginMicros());
        assertEquals(30, d.last30Days().size());
        assertEquals(new DailySpend(today, 3, 1_610_001), d.last30Days().get(29));
        assertEquals(12_000 + 120_000 + 650_000 + 2_400_000 + 1_610_001,
                d.last30Days().stream().mapToLong(DailySpend::spentMicros).sum());
        // other tests' jobs may be in flight too; this one is
        assertTrue(d.jobsInFlight() >= 1, "jobs in flight: " + d.jobsInFlight());
        assertEquals(List.of(), d.recentEvents());
    }

    @Test
    void onTheLastDayOfALongMonthTheMonthReachesBeforeTheChart() {
        LocalDate last = LocalDate.of(today.getYear() + 1, 1, 31); // the month began 30 days ago, the chart 29
        Instant lastNoon = last.atTime(12, 0).toInstant(ZoneOffset.UTC);
        db.seedCharge(a, "sharkai", "model-z", 70_000, 77_000, start(last.withDayOfMonth(1)).plus(1, ChronoUnit.HOURS));
        db.seedCharge(a, "sharkai", "model-z", 10_000, 11_000, start(last.minusDays(29)));

        TenantActivity t = QuarkusTransaction.requiringNew().call(() -> queries.tenant(UUID.fromString(a), lastNoon));

        assertEquals(new Spend(2, 88_000, 80_000), t.month());
        assertEquals(Spend.NONE, t.today());
        assertEquals(last.minusDays(29), t.last30Days().get(0).day());
        assertEquals(11_000, t.last30Days().stream().mapToLong(DailySpend::spentMicros).sum());
        assertEquals(List.of(new ModelSpend("sharkai", "model-z", 1, 11_000, 10_000)), t.byModel());
    }

    @Test
    void theDashboardListsTheNewestEventsFirstWithTheirTenantsName() {
        UUID operatorAlert = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        UUID newest = UUID.randomUUID();
        insertEvent(older, "tenant.budget.threshold", a);
        insertEvent(operatorAlert, "upstream.account.alert", null);
        insertEvent(newest, "tenant.balance.low", b);

        List<RecentEvent> events = QuarkusTransaction.requiringNew().call(() -> queries.dashboard(now, 3)).recentEvents();

        assertEquals(List.of(newest, operatorAlert, older), events.stream().map(RecentEvent::id).toList());
        assertEquals("tenant.balance.low", events.get(0).type());
        assertEquals(UUID.fromString(b), events.get(0).tenantId());
        assertEquals("Console B", events.get(0).tenantName());
        assertNull(events.get(1).tenantId());
        assertNull(events.get(1).tenantName());
        assertEquals("Console A", events.get(2).tenantName());
        assertEquals(Instant.parse("2026-12-01T18:35:00Z"), events.get(2).createdAt());
    }

    @Test
    void theDashboardAsksForAtMostAHundredEvents() {
        assertThrows(IllegalArgumentException.class, () -> queries.dashboard(now, ConsoleQueries.MAX_RECENT_EVENTS + 1));
        assertThrows(IllegalArgumentException.class, () -> queries.dashboard(now, -1));
    }

    @Test
    void theirTransactionIsAReadOnlySnapshot() {
        Exception refused = assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            queries.dashboard(now, 0);
            em.createNativeQuery("UPDATE tenant SET name = 'changed' WHERE id = :t").setParameter("t", UUID.fromString(a))
                    .executeUpdate();
        }));
        assertTrue(causes(refused).contains("read-only transaction"), causes(refused));
        assertEquals("Console A", db.value("SELECT name FROM tenant WHERE id = ?1", UUID.fromString(a)));
    }

    @Test
    void aTenantsOwnChartIsItsThirtyDays() {
        List<DailySpend> days = queries.tenantDailySpend(UUID.fromString(b));
        assertEquals(30, days.size());
        assertEquals(LocalDate.now(ZoneOffset.UTC), days.get(29).day());
        assertEquals(0, days.stream().mapToLong(DailySpend::spentMicros).sum()); // b's only charge is in the far future
    }

    private static String causes(Throwable t) {
        StringBuilder messages = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            messages.append(c.getMessage()).append(" / ");
        }
        return messages.toString();
    }

    private void insertEvent(UUID id, String type, String tenant) {
        var at = Instant.parse("2026-12-01T18:35:00Z").atOffset(ZoneOffset.UTC);
        if (tenant == null) {
            db.update("INSERT INTO event (id, type, body, created_at) VALUES (?1, ?2, '{}', ?3)", id, type, at);
        } else {
            db.update("INSERT INTO event (id, type, tenant_id, body, created_at) VALUES (?1, ?2, ?3, '{}', ?4)", id, type,
                    UUID.fromString(tenant), at);
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static DailySpend day(List<DailySpend> days, LocalDate day) {
        return days.stream().filter(d -> d.day().equals(day)).findFirst().orElseThrow();
    }
}
