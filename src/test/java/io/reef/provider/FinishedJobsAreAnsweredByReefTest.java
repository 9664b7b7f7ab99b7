package io.reef.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Outcome;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.NoReconciler;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A finished job is answered by Reef from the provider body it stored: polls and cancels of a
 * terminal job never reach the provider, so a tenant polling its old jobs cannot get the
 * reseller's account rate-limited. (Reconciler off: every upstream call counted is a tenant's.)
 */
@QuarkusTest
@TestProfile(NoReconciler.class)
class FinishedJobsAreAnsweredByReefTest {

    static final String SHARK_AI = "/api/v1/images/generations";

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void pollsAndCancelsOfACompletedSharkAiTaskNeverReachTheProvider() throws Exception {
        simulator.behaviour("sharkai", "quick", Behaviour.builder().pendingMillis(0).runningMillis(100)
                .credit(new BigDecimal("250")).build());
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("model", "quick", "prompt", "p", "async", true)).post(SHARK_AI)
                .then().statusCode(202).extract().path("id");
        Eventually.until("the task completes", Duration.ofSeconds(10), () -> "completed".equals(
                tenant(t.key()).get(SHARK_AI + "/" + id).then().extract().path("status")));
        String first = tenant(t.key()).get(SHARK_AI + "/" + id).then().statusCode(200).extract().asString();
        long polls = simulator.polls("sharkai");

        for (int i = 0; i < 5; i++) {
            Thread.sleep(250); // past the test's 200 ms poll-answer reuse window: each poll is asked anew
            tenant(t.key()).get(SHARK_AI + "/" + id).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("status", equalTo("completed"))
                    .body("result.credit", equalTo(250))
                    .body("polling_url", equalTo("http://localhost:8081" + SHARK_AI + "/" + id));
        }
        assertEquals(first, tenant(t.key()).get(SHARK_AI + "/" + id).then().extract().asString(),
                "the stored answer is the answer the tenant saw when the task completed");
        tenant(t.key()).post(SHARK_AI + "/" + id + "/cancel").then().statusCode(409)
                .body("error.type", equalTo("conflict"))
                .body("error.message", equalTo("Task already completed"));
        assertEquals(polls, simulator.polls("sharkai"), "no poll of a finished task reached the provider");
        assertEquals(0, simulator.cancels("sharkai"), "no cancel of a finished task reached the provider");
        assertEquals(1, db.ledgerEntriesForJob(id));
    }

    @Test
    void pollsOfAFailedSharkApiJobNeverReachTheProvider() throws Exception {
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(0).runningMillis(100).outcome(Outcome.FAIL)
                .failureMessage("render failed").build());
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post("/v1/generate")
                .then().statusCode(202).extract().path("job_id");
        Eventually.until("the job fails", Duration.ofSeconds(10), () -> "failed".equals(
                tenant(t.key()).get("/v1/jobs/" + id).then().extract().path("status")));
        long polls = simulator.polls("sharkapi");
        for (int i = 0; i < 5; i++) {
            Thread.sleep(250);
            tenant(t.key()).get("/v1/jobs/" + id).then().statusCode(200)
                    .body("job_id", equalTo(id))
                    .body("status", equalTo("failed"))
                    .body("poll_url", equalTo("http://localhost:8081/v1/jobs/" + id));
        }
        assertEquals(polls, simulator.polls("sharkapi"));
        assertEquals(0, db.ledgerEntriesForJob(id));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0));
    }

    @Test
    void aJobAnotherObserverFinishedIsAnsweredFromItsStoredBodyToo() throws Exception {
        // the sync wait (another observer than the tenant's poll) completes the task and stores its body
        simulator.behaviour("sharkai", "quick", Behaviour.builder().pendingMillis(0).runningMillis(100).build());
        var t = Api.newTenant("10", "month");
        tenant(t.key()).body(Map.of("model", "quick", "prompt", "p")).post(SHARK_AI).then().statusCode(200);
        String id = db.jobIdsForTenant(t.id()).get(0);
        long polls = simulator.polls("sharkai");
        tenant(t.key()).get(SHARK_AI + "/" + id).then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("result.data.size()", equalTo(1))
                .body("result.credit", equalTo(400));
        assertEquals(polls, simulator.polls("sharkai"));
    }
}
