package io.reef.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Eventually;
import io.reef.support.LogCapture;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The only ways a tenant can spend past what Reef held are operator alerts (a log line naming the
 * job, plus a counter per provider): a charge larger than its hold, and a SharkAPI hold re-sized
 * past the tenant's limit by the provider's own estimate. Neither refuses the job.
 */
@QuarkusTest
class OvershootIsAnOperatorAlertTest {

    static final String CHARGES_OVER_HOLD = "reef.charges.over.hold";
    static final String RESIZED_PAST_LIMIT = "reef.holds.resized.past.limit";

    @Inject
    Simulator simulator;
    @Inject
    MeterRegistry registry;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void aSharkApiChargeLargerThanItsHoldIsAnAlertAndStillCharged() {
        simulator.behaviour("sharkapi", "1k",
                Behaviour.builder().pendingMillis(0).runningMillis(100).finalCost("$0.50").build());
        var t = Api.newTenant("10", "month");
        double before = count(CHARGES_OVER_HOLD, "sharkapi");
        try (LogCapture log = LogCapture.of("io.reef")) {
            String id = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post("/v1/generate")
                    .then().statusCode(202).body("estimated_cost", equalTo("$0.01")).extract().path("job_id");
            Eventually.until("complete", Duration.ofSeconds(10),
                    () -> "complete".equals(tenant(t.key()).get("/v1/jobs/" + id).then().extract().path("status")));

            assertEquals(1, log.containing("OPERATOR ALERT", id, "$0.50", "500000 micro-USD", "hold of $0.01").size(),
                    "one alert naming the job, its charge and its hold");
        }
        assertEquals(before + 1, count(CHARGES_OVER_HOLD, "sharkapi"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.5f)).body("quota.held_usd", equalTo(0));
    }

    @Test
    void aSharkAiChargeLargerThanItsHoldIsAnAlert() {
        // $10 of credit: more than any hold Reef places for one image
        simulator.behaviour("sharkai", "pricey", Behaviour.builder().pendingMillis(0).runningMillis(100)
                .credit(new BigDecimal("100000")).build());
        var t = Api.newTenant("100", "month");
        double before = count(CHARGES_OVER_HOLD, "sharkai");
        try (LogCapture log = LogCapture.of("io.reef")) {
            String id = tenant(t.key()).body(Map.of("model", "pricey", "prompt", "p", "async", true))
                    .post("/api/v1/images/generations").then().statusCode(202).extract().path("id");
            Eventually.until("completed", Duration.ofSeconds(10), () -> "completed".equals(
                    tenant(t.key()).get("/api/v1/images/generations/" + id).then().extract().path("status")));

            assertEquals(1, log.containing("OPERATOR ALERT", id, "charged $10.00").size());
        }
        assertEquals(before + 1, count(CHARGES_OVER_HOLD, "sharkai"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(10));
    }

    @Test
    void aSharkApiHoldResizedPastTheTenantsLimitIsAnAlertAndTheJobStaysAdmitted() {
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(60_000).estimatedCost("$0.20").build());
        var t = Api.newTenant("0.05", "total");
        double before = count(RESIZED_PAST_LIMIT, "sharkapi");
        try (LogCapture log = LogCapture.of("io.reef")) {
            String id = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post("/v1/generate")
                    .then().statusCode(202).body("estimated_cost", equalTo("$0.20")).extract().path("job_id");

            assertEquals(1, log.containing("OPERATOR ALERT", id, "from $0.01 to $0.20", "limit of $0.05").size());
        }
        assertEquals(before + 1, count(RESIZED_PAST_LIMIT, "sharkapi"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.2f));
    }

    @Test
    void aResizeWithinTheLimitAndAChargeWithinItsHoldAreNoAlert() {
        simulator.behaviour("sharkapi", "1k",
                Behaviour.builder().pendingMillis(0).runningMillis(100).estimatedCost("$0.03").build());
        var t = Api.newTenant("10", "month");
        double resizedBefore = count(RESIZED_PAST_LIMIT, "sharkapi");
        double overBefore = count(CHARGES_OVER_HOLD, "sharkapi");
        try (LogCapture log = LogCapture.of("io.reef")) {
            String id = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post("/v1/generate")
                    .then().statusCode(202).body("estimated_cost", equalTo("$0.03")).extract().path("job_id");
            Eventually.until("complete", Duration.ofSeconds(10),
                    () -> "complete".equals(tenant(t.key()).get("/v1/jobs/" + id).then().extract().path("status")));

            assertTrue(log.containing(id).stream().noneMatch(line -> line.contains("OPERATOR ALERT")),
                    () -> "no alert: " + log.containing(id));
        }
        assertEquals(resizedBefore, count(RESIZED_PAST_LIMIT, "sharkapi"));
        assertEquals(overBefore, count(CHARGES_OVER_HOLD, "sharkapi"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.03f));
    }

    private double count(String name, String provider) {
        Counter counter = registry.find(name).tag("provider", provider).counter();
        return counter == null ? 0 : counter.count();
    }
}
