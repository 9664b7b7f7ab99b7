package io.reef.job;

import java.math.BigDecimal;
import java.time.Duration;
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
import io.reef.support.Management;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ReconcilerTest {

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    ReefClock clock;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void jobsWhoseTenantNeverPollsAreStillChargedExactlyOnce() {
        simulator.defaultBehaviour("sharkai",
                Behaviour.builder().pendingMillis(100).runningMillis(300).credit(new BigDecimal("300")).build());
        simulator.behaviour("sharkapi", "2k", Behaviour.builder().pendingMillis(100).runningMillis(300).build());
        var t = Api.newTenant("10", "month");
        for (int i = 0; i < 10; i++) {
            tenant(t.key()).body(Map.of("model", "m", "prompt", "p" + i, "async", true))
                    .post("/api/v1/images/generations").then().statusCode(202);
            tenant(t.key()).body(Map.of("mode", "2k", "prompt", "p" + i)).post("/v1/generate").then().statusCode(202);
        }
        // 10 x $0.03 + 10 x $0.02, with no tenant poll at all
        Eventually.until("the reconciler charges every job", Duration.ofSeconds(20),
                () -> db.ledgerEntriesForTenant(t.id()) == 20);
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.5f)).body("quota.held_usd", equalTo(0));
        db.jobIdsForTenant(t.id()).forEach(id -> assertEquals(1, db.ledgerEntriesForJob(id)));
    }

    @Test
    void anOverdueJobIsExpiredItsHoldVoidedAndALateCompletionIsStillChargedOnce() {
        simulator.behaviour("sharkai", "glacial",
                Behaviour.builder().pendingMillis(120_000).credit(new BigDecimal("500")).build());
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("model", "glacial", "prompt", "p", "async", true, "timeout", 30))
                .post("/api/v1/images/generations").then().statusCode(202).extract().path("id");
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.04f));

        clock.shift(Duration.ofMinutes(5)); // past timeout (30 s) + grace (60 s)
        Eventually.until("the job expires", Duration.ofSeconds(10), () -> "expired".equals(db.jobStatus(id)));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0));
        Management.management().get("/q/metrics").then().body(containsString("reef_jobs_expired_total{provider=\"sharkai\"}"));

        simulator.finishNow("sharkai", db.upstreamId(id));
        Eventually.until("the late completion is charged", Duration.ofSeconds(10), () -> "completed".equals(db.jobStatus(id)));
        assertEquals(1, db.ledgerEntriesForJob(id));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.05f)).body("quota.held_usd", equalTo(0));
    }
}
