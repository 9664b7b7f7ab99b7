package io.reef.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.AppProcess;
import io.reef.support.Db;
import io.reef.support.Eventually;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two replicas' reconcilers share 500 pending jobs: every job is polled to its end, each
 * completed one is charged exactly once, and no job is polled by both replicas at once.
 */
@QuarkusTest
class ReconcileOnTwoInstancesIT {

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    private void submitAndReconcile(Api.TestTenant t) {
        for (int i = 0; i < 500; i++) {
            tenant(t.key()).port(i % 2 == 0 ? 8081 : 8082)
                    .body(Map.of("mode", i % 5 == 0 ? "2k" : "1k", "prompt", "p" + i)).post("/v1/generate")
                    .then().statusCode(202);
            if (i == 0) {
                // every poll is slowed down so that two replicas polling one job at once would overlap
                simulator.injectDelay("sharkapi", Operation.POLL, Duration.ofMillis(50), 1_000_000);
            }
        }
        Eventually.until("all 500 jobs are terminal", Duration.ofSeconds(120), () -> db.openJobs(t.id()) == 0);
    }

    @Test
    void fiveHundredPendingJobsAreReconciledOnceAcrossTwoInstances() {
        simulator.reset();
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(1_000).runningMillis(1_000).build());
        simulator.behaviour("sharkapi", "2k", Behaviour.builder().pendingMillis(1_000).runningMillis(1_000)
                .outcome(io.reef.simulator.Outcome.FAIL).build());
        var t = Api.newTenant("100", "month");
        try (AppProcess second = AppProcess.start(8082, Map.of())) {
            submitAndReconcile(t);
        }
        List<String> ids = db.jobIdsForTenant(t.id());
        assertEquals(500, ids.size());
        assertEquals(400, db.ledgerEntriesForTenant(t.id()), "every completed 1k job charged, no failed 2k job");
        assertEquals(400, db.distinctChargedJobs(t.id()));
        assertEquals(1, simulator.maxConcurrentPollsOfOneTask("sharkapi"),
                "a job was polled by two callers at the same moment");
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(4)).body("quota.held_usd", equalTo(0));
    }
}
