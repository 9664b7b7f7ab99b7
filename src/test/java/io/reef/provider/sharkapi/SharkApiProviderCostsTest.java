package io.reef.provider.sharkapi;

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
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.LedgerDb;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What SharkAPI says a job costs never shows the reseller's cost, and "$0.00" is no estimate. */
@QuarkusTest
class SharkApiProviderCostsTest {

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    LedgerDb ledger;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void everyFinalCostFieldShowsTheTenantsPrice() {
        simulator.behaviour("sharkapi", "2k", Behaviour.builder().pendingMillis(0).runningMillis(100).estimatedCost("$0.02")
                .finalCost("$0.04").finalCostFields(List.of("cost", "final_cost", "actual_cost")).build());
        String markedUp = Api.createTenant(Map.of("name", "m", "quota", Map.of("limit_usd", 10, "period", "day"),
                "markup_percent", 50));
        String key = Api.issueKey(markedUp);
        String id = tenant(key).body(Map.of("mode", "2k", "prompt", "p")).post("/v1/generate")
                .then().statusCode(202).body("estimated_cost", equalTo("$0.03")).extract().path("job_id");
        Eventually.until("complete", Duration.ofSeconds(10),
                () -> "complete".equals(tenant(key).get("/v1/jobs/" + id).then().extract().path("status")));

        // upstream $0.04 x 1.5 in every field the provider sent, none of them the reseller's $0.04
        tenant(key).get("/v1/jobs/" + id).then().statusCode(200)
                .body("cost", equalTo("$0.06"))
                .body("final_cost", equalTo("$0.06"))
                .body("actual_cost", equalTo("$0.06"))
                .body("estimated_cost", equalTo("$0.03"));
        tenant(key).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.06f));
    }

    @Test
    void aZeroEstimateKeepsReefsOwnExpectedCost() {
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(300).runningMillis(100).estimatedCost("$0.00")
                .omitFinalCost().build());
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post("/v1/generate")
                .then().statusCode(202).body("estimated_cost", equalTo("$0.01")).extract().path("job_id");
        assertEquals(10_000, ledger.holdMicros(id), "the hold stays at the mode's price");
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.01f));

        Eventually.until("complete", Duration.ofSeconds(10),
                () -> "complete".equals(tenant(t.key()).get("/v1/jobs/" + id).then().extract().path("status")));
        // completed without a final cost and with a "$0.00" estimate: charged Reef's expected cost, never 0
        assertEquals(1, db.ledgerEntriesForJob(id));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.01f)).body("quota.held_usd", equalTo(0));
    }
}
