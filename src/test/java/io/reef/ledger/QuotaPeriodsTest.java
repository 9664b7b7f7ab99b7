package io.reef.ledger;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.common.ReefClock;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Budget periods roll over on UTC calendar boundaries (Reef's clock is shifted, not waited on). */
@QuarkusTest
class QuotaPeriodsTest {

    @Inject
    Simulator simulator;
    @Inject
    ReefClock clock;
    @Inject
    Db db;

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.defaultBehaviour("sharkai", Behaviour.builder().immediate().credit(new BigDecimal("400")).build());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void dailyBudgetResetsAtUtcMidnight() {
        var t = Api.newTenant("0.08", "day"); // two $0.04 generations a day
        generate(t.key(), 200);
        generate(t.key(), 200);
        generate(t.key(), 402);
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.08f));

        shiftToStartOfNext(Duration.ofDays(1));
        tenant(t.key()).get("/reef/v1/me").then()
                .body("quota.spent_usd", equalTo(0)).body("quota.remaining_usd", equalTo(0.08f))
                .body("quota.period_start", equalTo(startOfDay(clock.now()).toString()));
        generate(t.key(), 200);
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.04f));
    }

    @Test
    void weeklyBudgetStartsOnMondayAndResetsAWeekLater() {
        var t = Api.newTenant("0.04", "week");
        String start = tenant(t.key()).get("/reef/v1/me").then().extract().path("quota.period_start");
        assertEquals(DayOfWeek.MONDAY, Instant.parse(start).atZone(ZoneOffset.UTC).getDayOfWeek());
        generate(t.key(), 200);
        generate(t.key(), 402);
        clock.shift(Duration.ofDays(7));
        generate(t.key(), 200);
    }

    @Test
    void monthlyBudgetResetsOnTheFirst() {
        var t = Api.newTenant("0.04", "month");
        generate(t.key(), 200);
        generate(t.key(), 402);
        clock.shift(Duration.ofDays(32));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0))
                .body("quota.period_start", equalTo(ZonedDateTime.ofInstant(clock.now(), ZoneOffset.UTC).toLocalDate()
                        .withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString()));
        generate(t.key(), 200);
    }

    @Test
    void aHoldPlacedBeforeTheBoundaryStaysAndIsChargedInThePeriodItCompletes() {
        simulator.behaviour("sharkai", "slow", Behaviour.builder().pendingMillis(60_000).build());
        var t = Api.newTenant("0.10", "day");
        String id = tenant(t.key()).body(Map.of("model", "slow", "prompt", "p", "async", true))
                .post("/api/v1/images/generations").then().statusCode(202).extract().path("id");
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.04f));

        shiftToStartOfNext(Duration.ofDays(1));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.04f)).body("quota.spent_usd", equalTo(0));
        simulator.finishNow("sharkai", db.upstreamId(id));
        Eventually.until("charged", Duration.ofSeconds(10), () -> db.ledgerEntriesForJob(id) == 1);
        tenant(t.key()).get("/reef/v1/me").then()
                .body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0.04f)); // in the new day
    }

    @Test
    void changingLimitAndPeriodTakesEffectOnTheNextRequest() {
        var t = Api.newTenant("0.04", "total");
        generate(t.key(), 200);
        generate(t.key(), 402);
        admin().body(Map.of("quota", Map.of("limit_usd", 0.08))).patch("/reef/admin/v1/tenants/" + t.id()).then()
                .statusCode(200);
        generate(t.key(), 200);
        admin().body(Map.of("quota", Map.of("period", "day"))).patch("/reef/admin/v1/tenants/" + t.id()).then().statusCode(200)
                .body("quota.spent_usd", equalTo(0.08f)); // today's charges count in the new period
        generate(t.key(), 402);
        shiftToStartOfNext(Duration.ofDays(1));
        generate(t.key(), 200);
    }

    private void generate(String key, int expectedStatus) {
        tenant(key).body(Map.of("model", "m", "prompt", "p")).post("/api/v1/images/generations").then()
                .statusCode(expectedStatus);
    }

    /** Moves Reef's clock just past the next boundary of the given size (a day). */
    private void shiftToStartOfNext(Duration day) {
        Instant now = clock.now();
        Instant next = startOfDay(now).plus(day).plusSeconds(5);
        clock.shift(Duration.between(now, next));
    }

    private static Instant startOfDay(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
