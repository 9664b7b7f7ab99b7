package io.reef.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.BillingDb;
import io.reef.support.Concurrently;
import io.reef.support.Eventually;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two keys of one tenant at once: the admission locks the tenant row, then the key row, and every
 * settlement locks the job row, then the tenant's, then the key's. So concurrent admissions and
 * settlements on both keys never deadlock, neither budget is overshot, and the counters on both
 * rows equal their job and ledger rows to the micro-dollar.
 */
@QuarkusTest
class TwoKeysOfOneTenantTest {

    static final String SHARKAI = "/api/v1/images/generations";
    static final String SHARKAPI = "/v1/generate";

    @Inject
    Simulator simulator;
    @Inject
    BillingDb billing;

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.defaultBehaviour("sharkapi", Behaviour.builder().pendingMillis(30_000).build());
    }

    @Test
    void twoKeysRacingOnASharedTenantBudgetAndTheirOwnOvershootNeither() {
        String id = Api.createTenant("two-keys", "0.50", "month"); // 25 jobs of $0.02
        race(id, "0.50");
    }

    @Test
    void twoKeysRacingOnASharedPrepaidBalanceAndTheirOwnOvershootNeither() {
        var t = Api.newPrepaidTenant("0.50"); // quota $1000: the balance binds
        race(t.id(), "0.50");
    }

    /** Keys of $0.30 each ($0.60 together) on a tenant with $0.50: the tenant binds at 25, each key at 15. */
    private void race(String tenantId, String tenantCapUsd) {
        JsonPath a = Api.issueKey(tenantId, Map.of("quota", Map.of("limit_usd", 0.30, "period", "month")));
        JsonPath b = Api.issueKey(tenantId, Map.of("quota", Map.of("limit_usd", 0.30, "period", "total")));
        List<String> keys = List.of(a.getString("key"), b.getString("key"));
        List<Integer> statuses = Concurrently.run(120, i -> tenant(keys.get(i % 2))
                .body(Map.of("mode", "2k", "prompt", "p" + i)).post(SHARKAPI).then().extract().statusCode());
        long admitted = statuses.stream().filter(s -> s == 202).count();
        assertEquals(25, admitted, statuses.toString());
        assertEquals(95, statuses.stream().filter(s -> s == 402).count(), statuses.toString());
        long byA = billing.jobsOfKey(a.getString("id"));
        long byB = billing.jobsOfKey(b.getString("id"));
        assertTrue(byA <= 15 && byB <= 15 && byA + byB == 25, byA + " + " + byB);
        assertEquals(byA * 20_000, billing.key(a.getString("id")).heldMicros());
        assertEquals(byB * 20_000, billing.key(b.getString("id")).heldMicros());
        assertTrue(billing.key(a.getString("id")).consistent());
        assertTrue(billing.key(b.getString("id")).consistent());
        assertTrue(billing.tenant(tenantId).consistent(), billing.tenant(tenantId).toString());
        JsonPath me = tenant(keys.get(0)).get("/reef/v1/me").then().statusCode(200).extract().jsonPath();
        assertEquals(new BigDecimal(tenantCapUsd), new BigDecimal(me.getString("quota.held_usd")).setScale(2));
        assertEquals(new BigDecimal(tenantCapUsd), new BigDecimal(me.getString("balance.held_usd")).setScale(2));
        assertEquals(simulator.submits("sharkapi"), 25);
    }

    @Test
    void admissionsAndSettlementsOnTwoKeysAtOnceNeverDeadlockAndKeepExactCounters() {
        simulator.defaultBehaviour("sharkai", Behaviour.builder().immediate().credit(new BigDecimal("300")).build());
        simulator.defaultBehaviour("sharkapi", Behaviour.builder().pendingMillis(0).runningMillis(50).build());
        var t = Api.newPrepaidTenant("100");
        JsonPath a = Api.issueKey(t.id(), Map.of("quota", Map.of("limit_usd", 50, "period", "month")));
        JsonPath b = Api.issueKey(t.id(), Map.of("quota", Map.of("limit_usd", 50, "period", "day")));
        List<String> keys = List.of(a.getString("key"), b.getString("key"));
        // Shark AI sync jobs are admitted and charged in one request; SharkAPI jobs are charged by polls
        List<Integer> statuses = Concurrently.run(160, i -> i % 4 < 2
                ? tenant(keys.get(i % 2)).body(Map.of("model", "m", "prompt", "p" + i)).post(SHARKAI)
                        .then().extract().statusCode()
                : tenant(keys.get(i % 2)).body(Map.of("mode", "1k", "prompt", "p" + i)).post(SHARKAPI)
                        .then().extract().statusCode());
        assertEquals(80, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(80, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        Eventually.until("every job is settled", Duration.ofSeconds(60),
                () -> billing.tenant(t.id()).openJobs() == 0 && billing.tenant(t.id()).consistent());
        // 80 Shark AI jobs at $0.03 and 80 SharkAPI jobs at $0.01
        assertEquals(80 * 30_000 + 80 * 10_000, billing.tenant(t.id()).spentMicros());
        var keyA = billing.key(a.getString("id"));
        var keyB = billing.key(b.getString("id"));
        assertTrue(keyA.consistent(), keyA.toString());
        assertTrue(keyB.consistent(), keyB.toString());
        assertEquals(40 * 30_000 + 40 * 10_000, keyA.spentMicros());
        assertEquals(40 * 30_000 + 40 * 10_000, keyB.spentMicros());
        assertEquals(0, keyA.heldMicros() + keyB.heldMicros());
        tenant(keys.get(1)).get("/reef/v1/me").then().statusCode(200)
                .body("balance.spent_usd", org.hamcrest.Matchers.equalTo(3.2f))
                .body("balance.held_usd", org.hamcrest.Matchers.equalTo(0))
                .body("balance.available_usd", org.hamcrest.Matchers.equalTo(96.8f));
    }
}
