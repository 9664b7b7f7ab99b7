package io.reef.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.AppProcess;
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.Eventually;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Reef replicas (this test's instance on 8081 and the packaged app on 8082) share one
 * PostgreSQL; concurrent requests split across both never get past a tenant's budget or limits.
 */
@QuarkusTest
class QuotaAcrossTwoInstancesIT {

    static AppProcess second;

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @BeforeAll
    static void startSecondInstance() {
        second = AppProcess.start(8082, Map.of());
    }

    @AfterAll
    static void stopSecondInstance() {
        second.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void twoHundredConcurrentRequestsOnTwoInstancesNeverOvershootTheBudget() {
        simulator.behaviour("sharkapi", "2k", Behaviour.builder().pendingMillis(3_000).runningMillis(200).build());
        var t = Api.newTenant("1.00", "month"); // $0.02 per 2k job: exactly 50 fit
        List<Integer> statuses = Concurrently.run(200, i -> tenant(t.key())
                .port(i % 2 == 0 ? 8081 : 8082)
                .body(Map.of("mode", "2k", "prompt", "p" + i)).post("/v1/generate").then().extract().statusCode());
        assertEquals(50, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(150, statuses.stream().filter(s -> s == 402).count(), statuses.toString());
        assertEquals(50, simulator.submits("sharkapi"));
        // Every cent is held or (if a job already finished on a slow machine) spent; nothing is left.
        var quota = tenant(t.key()).get("/reef/v1/me").then().extract().jsonPath();
        assertEquals(new BigDecimal("1.00"), new BigDecimal(quota.getString("quota.held_usd"))
                .add(new BigDecimal(quota.getString("quota.spent_usd"))).setScale(2));
        assertEquals(0, new BigDecimal(quota.getString("quota.remaining_usd")).signum());

        Eventually.until("all 50 jobs are charged", Duration.ofSeconds(30), () -> db.ledgerEntriesForTenant(t.id()) == 50);
        tenant(t.key()).get("/reef/v1/me").then()
                .body("quota.spent_usd", equalTo(1)).body("quota.held_usd", equalTo(0)).body("quota.remaining_usd", equalTo(0));
    }

    @Test
    void maxConcurrentJobsHoldsAcrossInstances() {
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(5_000).build());
        String id = Api.createTenant(Map.of("name", "conc", "quota", Map.of("limit_usd", 100, "period", "month"),
                "rate_limit", Map.of("max_concurrent_jobs", 5)));
        String key = Api.issueKey(id);
        List<io.restassured.response.Response> responses = Concurrently.run(60, i -> tenant(key)
                .port(i % 2 == 0 ? 8081 : 8082).body(Map.of("mode", "1k", "prompt", "p" + i)).post("/v1/generate"));
        assertEquals(5, responses.stream().filter(r -> r.statusCode() == 202).count());
        assertEquals(55, responses.stream().filter(r -> r.statusCode() == 429).count());
        responses.stream().filter(r -> r.statusCode() == 429)
                .forEach(r -> assertTrue(Integer.parseInt(r.getHeader("Retry-After")) >= 1));
    }

    @Test
    void requestsPerMinuteHoldsAcrossInstances() {
        awayFromAMinuteBoundary();
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(100).build());
        String id = Api.createTenant(Map.of("name", "rpm", "quota", Map.of("limit_usd", 100, "period", "month"),
                "rate_limit", Map.of("requests_per_minute", 30)));
        String key = Api.issueKey(id);
        List<io.restassured.response.Response> responses = Concurrently.run(100, i -> tenant(key)
                .port(i % 2 == 0 ? 8081 : 8082).body(Map.of("mode", "1k", "prompt", "p" + i)).post("/v1/generate"));
        assertEquals(30, responses.stream().filter(r -> r.statusCode() == 202).count());
        responses.stream().filter(r -> r.statusCode() == 429).forEach(r -> {
            int retryAfter = Integer.parseInt(r.getHeader("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        });
        assertEquals(70, responses.stream().filter(r -> r.statusCode() == 429).count());
    }

    @Test
    void aKeyRevokedOnOneReplicaStopsWorkingOnTheOtherWithinFiveSeconds() {
        var t = Api.newTenant("10", "month");
        tenant(t.key()).port(8082).get("/reef/v1/me").then().statusCode(200); // now cached on the second replica
        String keyId = Api.admin().get("/reef/admin/v1/tenants/" + t.id() + "/keys").then().extract().path("[0].id");
        long revokedAt = System.nanoTime();
        Api.admin().delete("/reef/admin/v1/keys/" + keyId).then().statusCode(200);
        Eventually.until("the second replica refuses the key", Duration.ofSeconds(5),
                () -> tenant(t.key()).port(8082).get("/reef/v1/me").statusCode() == 403);
        System.out.printf("revocation reached the other replica after %d ms%n", (System.nanoTime() - revokedAt) / 1_000_000);
        tenant(t.key()).port(8082).body(Map.of("mode", "1k", "prompt", "p")).post("/v1/generate").then().statusCode(403);
    }

    /** A fixed one-minute window must not roll over in the middle of the burst. */
    private static void awayFromAMinuteBoundary() {
        while (Instant.now().getEpochSecond() % 60 > 45) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
