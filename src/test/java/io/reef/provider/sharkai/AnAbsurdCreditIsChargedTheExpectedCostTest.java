package io.reef.provider.sharkai;

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
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.LogCapture;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A completed task whose credit does not fit Reef's amounts (1e30 credit) is an operator alert and
 * is charged the job's expected cost, on the first poll that sees it, instead of failing every poll
 * until the job expires.
 */
@QuarkusTest
class AnAbsurdCreditIsChargedTheExpectedCostTest {

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    MeterRegistry registry;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void aCreditTooLargeForALongIsAnAlertAndChargesTheExpectedCost() {
        simulator.behaviour("sharkai", "absurd", Behaviour.builder().pendingMillis(0).runningMillis(100)
                .credit(new BigDecimal("1e30")).build());
        var t = Api.newTenant("10", "month");
        double before = unparseable();
        try (LogCapture log = LogCapture.of("io.reef")) {
            String id = tenant(t.key()).body(Map.of("model", "absurd", "prompt", "p", "async", true))
                    .post("/api/v1/images/generations").then().statusCode(202).extract().path("id");
            Eventually.until("the completion is seen", Duration.ofSeconds(10),
                    () -> simulator.status("sharkai", db.upstreamId(id)).orElse("")
                            .equals("completed"));
            tenant(t.key()).get("/api/v1/images/generations/" + id).then().statusCode(200)
                    .body("status", equalTo("completed")).body("result.credit", equalTo(400));

            assertEquals("completed", db.jobStatus(id));
            assertEquals(1, db.ledgerEntriesForJob(id));
            assertTrue(!log.containing("OPERATOR ALERT", db.upstreamId(id), "credit too large").isEmpty());
        }
        assertTrue(unparseable() >= before + 1);
        // the expected cost: the hold estimate of 400 credit, $0.04
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.04f)).body("quota.held_usd", equalTo(0));
    }

    private double unparseable() {
        Counter counter = registry.find("reef.upstream.unparseable.cost").tag("provider", "sharkai").counter();
        return counter == null ? 0 : counter.count();
    }
}
