package io.reef.provider;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.HangingUpClient;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Everything after admission (submit, recording the upstream id, the sync wait, storing the
 * answer under the Idempotency-Key) runs to its end when the client closes its socket mid-request.
 */
@QuarkusTest
class WorkAfterAdmissionRunsToItsEndTest {

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
    void aSyncCallWhoseClientHungUpIsAnsweredToItsRetryWithTheImages() {
        simulator.behaviour("sharkai", "slow-sync", Behaviour.builder().pendingMillis(1_500).runningMillis(1_000).build());
        var t = Api.newTenant("10", "month");
        String body = "{\"model\": \"slow-sync\", \"prompt\": \"otter\"}";
        HangingUpClient.postAndHangUp(SHARK_AI, t.key(), Map.of("Idempotency-Key", "gave-up"), body,
                Duration.ofSeconds(1));

        // the retry arrives while the task still runs: it waits for it and gets the images
        tenant(t.key()).header("Idempotency-Key", "gave-up").body(body).post(SHARK_AI).then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("data.size()", equalTo(1))
                .body("credit", equalTo(400));
        assertEquals(1, simulator.submits("sharkai"));
        assertEquals(1, db.jobsForTenant(t.id()));
        assertEquals(1, db.ledgerEntriesForTenant(t.id()));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.04f)).body("quota.held_usd", equalTo(0));

        // and a later retry gets the same answer at once
        tenant(t.key()).header("Idempotency-Key", "gave-up").body(body).post(SHARK_AI).then()
                .statusCode(200).header("Idempotent-Replayed", "true").body("data.size()", equalTo(1));
        assertEquals(1, simulator.submits("sharkai"));
    }

    @Test
    void aSubmitWhoseClientHungUpWhileTheProviderWasAnsweringRecordsTheUpstreamIdAndIsCharged() {
        // the provider creates the job at once but answers after 2 s; the client leaves after 0.5 s
        simulator.injectDelay("sharkapi", Operation.SUBMIT, Duration.ofSeconds(2), 1);
        var t = Api.newTenant("10", "month");
        String body = "{\"mode\": \"1k\", \"prompt\": \"reef\"}";
        HangingUpClient.postAndHangUp("/v1/generate", t.key(), Map.of("Idempotency-Key", "left-early"), body,
                Duration.ofMillis(500));

        Eventually.until("the upstream id is recorded", Duration.ofSeconds(10), () -> db.jobIdsForTenant(t.id()).size() == 1
                && db.upstreamId(db.jobIdsForTenant(t.id()).get(0)) != null);
        String jobId = db.jobIdsForTenant(t.id()).get(0);
        assertNotNull(simulator.status("sharkapi", db.upstreamId(jobId)).orElse(null));
        Eventually.until("the job is charged", Duration.ofSeconds(15), () -> db.ledgerEntriesForJob(jobId) == 1);
        assertEquals("completed", db.jobStatus(jobId));

        // the retry gets the original 202, not a second job
        tenant(t.key()).header("Idempotency-Key", "left-early").body(body).post("/v1/generate").then()
                .statusCode(202).header("Idempotent-Replayed", "true").body("job_id", equalTo(jobId));
        assertEquals(1, simulator.submits("sharkapi"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.01f)).body("quota.held_usd", equalTo(0));
    }

    @Test
    void anAsyncSubmitWhoseClientHungUpRecordsTheUpstreamId() {
        simulator.injectDelay("sharkai", Operation.SUBMIT, Duration.ofSeconds(2), 1);
        simulator.defaultBehaviour("sharkai", Behaviour.builder().pendingMillis(30_000).build());
        var t = Api.newTenant("10", "month");
        HangingUpClient.postAndHangUp(SHARK_AI, t.key(), Map.of(),
                "{\"model\": \"m\", \"prompt\": \"p\", \"async\": true}", Duration.ofMillis(500));
        Eventually.until("the upstream id is recorded", Duration.ofSeconds(10), () -> db.jobIdsForTenant(t.id()).size() == 1
                && db.upstreamId(db.jobIdsForTenant(t.id()).get(0)) != null);
        List<String> ids = db.jobIdsForTenant(t.id());
        assertEquals("pending", db.jobStatus(ids.get(0)));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.04f));
    }
}
