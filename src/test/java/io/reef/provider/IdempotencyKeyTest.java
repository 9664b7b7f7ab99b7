package io.reef.provider;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Concurrently;
import io.reef.support.Db;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class IdempotencyKeyTest {

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    io.reef.common.ReefClock clock;

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.defaultBehaviour("sharkai", Behaviour.builder().pendingMillis(5_000).build());
        simulator.defaultBehaviour("sharkapi", Behaviour.builder().pendingMillis(5_000).build());
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheOriginalAnswerWithoutASecondSubmitOrHold() {
        var t = Api.newTenant("10", "month");
        Map<String, Object> body = Map.of("model", "m", "prompt", "otter", "async", true);
        String first = tenant(t.key()).header("Idempotency-Key", "order-1").body(body)
                .post("/api/v1/images/generations").then().statusCode(202).extract().path("id");
        String again = tenant(t.key()).header("Idempotency-Key", "order-1").body(body)
                .post("/api/v1/images/generations").then().statusCode(202)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, again);
        assertEquals(1, simulator.submits("sharkai"));
        assertEquals(1, db.jobsForTenant(t.id()));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.04f));

        // keys are scoped to the tenant
        var other = Api.newTenant("10", "month");
        String others = tenant(other.key()).header("Idempotency-Key", "order-1").body(body)
                .post("/api/v1/images/generations").then().statusCode(202).extract().path("id");
        assertEquals(2, simulator.submits("sharkai"));
        org.junit.jupiter.api.Assertions.assertNotEquals(first, others);
    }

    @Test
    void theSameKeyWithADifferentBodyIs422() {
        var t = Api.newTenant("10", "month");
        tenant(t.key()).header("Idempotency-Key", "k").body(Map.of("mode", "1k", "prompt", "a"))
                .post("/v1/generate").then().statusCode(202);
        tenant(t.key()).header("Idempotency-Key", "k").body(Map.of("mode", "1k", "prompt", "b"))
                .post("/v1/generate").then().statusCode(422)
                .body("error.message", containsString("different request body"));
        assertEquals(1, simulator.submits("sharkapi"));
        assertEquals(1, db.jobsForTenant(t.id()));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneJob() {
        var t = Api.newTenant("10", "month");
        List<String> ids = Concurrently.run(12, i -> tenant(t.key()).header("Idempotency-Key", "burst")
                .body(Map.of("mode", "2k", "prompt", "same")).post("/v1/generate").then().statusCode(202)
                .extract().path("job_id"));
        Set<String> distinct = ids.stream().collect(Collectors.toSet());
        assertEquals(1, distinct.size(), ids.toString());
        assertEquals(1, simulator.submits("sharkapi"));
        assertEquals(1, db.jobsForTenant(t.id()));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.02f));
    }

    @Test
    void aSyncCallThatRanOutOfTimeKeepsItsKeySoARetryCannotStartASecondBilledJob() throws Exception {
        simulator.behaviour("sharkai", "endless", Behaviour.builder().pendingMillis(600_000).build());
        var t = Api.newTenant("10", "month");
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> tenant(t.key())
                .header("Idempotency-Key", "slow-sync").body(Map.of("model", "endless", "prompt", "p"))
                .post("/api/v1/images/generations").then().extract());
        io.reef.support.Eventually.until("the job is waiting upstream", java.time.Duration.ofSeconds(10),
                () -> db.jobIdsForTenant(t.id()).size() == 1 && db.upstreamId(db.jobIdsForTenant(t.id()).get(0)) != null);
        clock.shift(java.time.Duration.ofMinutes(10)); // past the task's timeout + grace: the wait gives up
        try {
            var answer = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(504, answer.statusCode(), answer.asString());
            tenant(t.key()).header("Idempotency-Key", "slow-sync").body(Map.of("model", "endless", "prompt", "p"))
                    .post("/api/v1/images/generations").then().statusCode(504)
                    .header("Idempotent-Replayed", "true")
                    .body("error.message", containsString("still tracked"));
            assertEquals(1, simulator.submits("sharkai"));
            assertEquals(1, db.jobsForTenant(t.id()));
        } finally {
            clock.reset();
        }
    }

    @Test
    void aFailedFirstAttemptReleasesTheKeyForARetry() {
        var t = Api.newTenant("10", "month");
        simulator.injectFault("sharkapi", Operation.SUBMIT, 503, 1);
        tenant(t.key()).header("Idempotency-Key", "flaky").body(Map.of("mode", "1k", "prompt", "p"))
                .post("/v1/generate").then().statusCode(503);
        tenant(t.key()).header("Idempotency-Key", "flaky").body(Map.of("mode", "1k", "prompt", "p"))
                .post("/v1/generate").then().statusCode(202);
        assertEquals(2, simulator.submits("sharkapi"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.01f));
    }
}
