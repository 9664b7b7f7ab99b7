package io.reef.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import io.reef.support.LedgerDb;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hold moves one way: open -> posted or open -> voided, once. A job that expired (hold voided)
 * and then completes upstream is charged by a separate late-charge entry; its hold stays voided,
 * and the database refuses to move a settled hold whatever the code does.
 */
@QuarkusTest
class LateCompletionIsALateChargeTest {

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    LedgerDb ledger;
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
    void anExpiredJobThatCompletesLaterGetsOneLateChargeAndItsHoldStaysVoided() {
        simulator.behaviour("sharkai", "late-model",
                Behaviour.builder().pendingMillis(120_000).credit(new BigDecimal("500")).build());
        var t = Api.newTenant("10", "month");
        Instant from = clock.now().minus(Duration.ofMinutes(1));
        String id = tenant(t.key()).body(Map.of("model", "late-model", "prompt", "p", "async", true, "timeout", 30))
                .post("/api/v1/images/generations").then().statusCode(202).extract().path("id");

        clock.shift(Duration.ofMinutes(5)); // past timeout (30 s) + grace (60 s)
        Eventually.until("the job expires", Duration.ofSeconds(10), () -> "expired".equals(db.jobStatus(id)));
        assertEquals("voided", ledger.holdState(id));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0));

        simulator.finishNow("sharkai", db.upstreamId(id));
        Eventually.until("the late completion is charged", Duration.ofSeconds(10), () -> "completed".equals(db.jobStatus(id)));

        assertEquals("voided", ledger.holdState(id), "the voided hold is never re-posted");
        assertEquals(List.of("late_charge"), ledger.ledgerKinds(id));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.05f)).body("quota.held_usd", equalTo(0));
        String range = "from=" + from + "&to=" + clock.now().plus(Duration.ofMinutes(1));
        tenant(t.key()).get("/reef/v1/me/usage?" + range + "&group_by=provider").then().statusCode(200)
                .body("total.jobs", equalTo(1)).body("total.spent_usd", equalTo(0.05f));
        String csv = admin().accept("text/csv").get("/reef/admin/v1/ledger?tenant=" + t.id() + "&" + range)
                .then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length, csv);
        assertTrue(lines[1].contains("," + id + ",") && lines[1].endsWith(",0.05,0.05,0"), lines[1]);

        // the database refuses to move the settled hold, whoever tries
        assertThrows(RuntimeException.class, () -> ledger.forceHoldState(id, "posted"));
        assertThrows(RuntimeException.class, () -> ledger.forceHoldState(id, "open"));
        assertEquals("voided", ledger.holdState(id));
    }

    @Test
    void aPostedHoldCanNeverBeVoided() {
        simulator.defaultBehaviour("sharkai", Behaviour.builder().immediate().build());
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("model", "m", "prompt", "p", "async", true))
                .post("/api/v1/images/generations").then().statusCode(202).extract().path("id");
        Eventually.until("the job is charged", Duration.ofSeconds(10), () -> "completed".equals(
                tenant(t.key()).get("/api/v1/images/generations/" + id).then().extract().path("status")));
        assertEquals("posted", ledger.holdState(id));
        assertEquals(List.of("charge"), ledger.ledgerKinds(id));

        assertThrows(RuntimeException.class, () -> ledger.forceHoldState(id, "voided"));
        assertEquals("posted", ledger.holdState(id));
    }
}
