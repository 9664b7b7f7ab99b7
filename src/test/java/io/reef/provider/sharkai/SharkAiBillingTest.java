package io.reef.provider.sharkai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Outcome;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.Eventually;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class SharkAiBillingTest {

    static final String PATH = "/api/v1/images/generations";

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void failedTaskIsNeverChargedAndItsHoldIsReleased() {
        simulator.behaviour("sharkai", "flaky",
                Behaviour.builder().pendingMillis(50).runningMillis(100).outcome(Outcome.FAIL).build());
        var t = Api.newTenant("10", "month");
        tenant(t.key()).body(Map.of("model", "flaky", "prompt", "p")).post(PATH)
                .then().statusCode(502).body("error.type", equalTo("generation_error"));
        String id = tenant(t.key()).body(Map.of("model", "flaky", "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(202).extract().path("id");
        Eventually.until("the task fails", Duration.ofSeconds(10), () -> "failed".equals(
                tenant(t.key()).get(PATH + "/" + id).then().extract().path("status")));
        tenant(t.key()).get(PATH + "/" + id).then().body("error.type", equalTo("generation_error"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0)).body("quota.held_usd", equalTo(0));
        assertEquals(0, db.ledgerEntriesForTenant(t.id()));
    }

    @Test
    void cancelledTaskIsNeverChargedAndCancellingAStartedTaskIs409() {
        simulator.behaviour("sharkai", "slow", Behaviour.builder().pendingMillis(5_000).runningMillis(100).build());
        simulator.behaviour("sharkai", "fast-start", Behaviour.builder().pendingMillis(0).runningMillis(5_000).build());
        var t = Api.newTenant("10", "month");
        String pending = tenant(t.key()).body(Map.of("model", "slow", "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(202).extract().path("id");
        tenant(t.key()).post(PATH + "/" + pending + "/cancel").then().statusCode(200)
                .body("id", equalTo(pending))
                .body("status", equalTo("cancelled"));
        assertEquals("cancelled", db.jobStatus(pending));

        String running = tenant(t.key()).body(Map.of("model", "fast-start", "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(202).extract().path("id");
        Eventually.until("the task runs", Duration.ofSeconds(5), () -> "running".equals(
                tenant(t.key()).get(PATH + "/" + running).then().extract().path("status")));
        tenant(t.key()).post(PATH + "/" + running + "/cancel").then().statusCode(409)
                .body("error.type", equalTo("conflict"))
                .body("error.message", equalTo("Task already started"));

        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0)).body("quota.held_usd", equalTo(0.04f));
        assertEquals(0, db.ledgerEntriesForTenant(t.id()));
    }

    @Test
    void twentyConcurrentPollsOfACompletedTaskChargeItOnce() {
        simulator.behaviour("sharkai", "once",
                Behaviour.builder().pendingMillis(0).runningMillis(300).credit(new BigDecimal("250")).build());
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("model", "once", "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(202).extract().path("id");
        Eventually.until("upstream completes", Duration.ofSeconds(5),
                () -> simulator.status("sharkai", db.upstreamId(id)).orElse("").equals("completed"));

        List<Integer> statuses = Concurrently.run(20, i -> tenant(t.key()).get(PATH + "/" + id).then()
                .body("status", equalTo("completed")).body("result.credit", equalTo(250)).extract().statusCode());
        statuses.forEach(s -> assertEquals(200, s));
        assertEquals(1, db.ledgerEntriesForJob(id));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.025f)).body("quota.held_usd", equalTo(0));
    }

    @Test
    void fiftyConcurrentRequestsAgainstADollarAdmitExactlyTen() {
        // race-model holds 1000 credit = $0.10 (application.properties, test profile) and costs the same
        simulator.behaviour("sharkai", "race-model", Behaviour.builder().pendingMillis(2_000).runningMillis(100)
                .credit(new BigDecimal("1000")).build());
        var t = Api.newTenant("1.00", "total");
        List<Integer> statuses = Concurrently.run(50, i -> tenant(t.key())
                .body(Map.of("model", "race-model", "prompt", "p" + i, "async", true)).post(PATH).then().extract()
                .statusCode());
        assertEquals(10, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(40, statuses.stream().filter(s -> s == 402).count(), statuses.toString());
        assertEquals(10, simulator.submits("sharkai"));

        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(1)).body("quota.remaining_usd", equalTo(0));
        tenant(t.key()).body(Map.of("model", "race-model", "prompt", "one more")).post(PATH).then().statusCode(402)
                .body("error.type", equalTo("insufficient_quota"));

        List<String> ids = db.jobIdsForTenant(t.id());
        assertEquals(10, ids.size());
        Eventually.until("every job is charged", Duration.ofSeconds(15), () -> ids.stream()
                .allMatch(id -> "completed".equals(tenant(t.key()).get(PATH + "/" + id).then().extract().path("status"))));
        tenant(t.key()).get("/reef/v1/me").then()
                .body("quota.spent_usd", equalTo(1))
                .body("quota.held_usd", equalTo(0))
                .body("quota.remaining_usd", equalTo(0));
        assertEquals(10, db.ledgerEntriesForTenant(t.id()));
    }
}
