package io.reef.provider.sharkai;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Management;
import io.reef.support.NoReconciler;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(NoReconciler.class)
class SharkAiUpstreamFailureTest {

    /** A refusal in a test takes the account out of rotation, in the database too: leave it active for what follows. */
    @AfterEach
    void leaveUpstreamAccountsActive() {
        io.reef.support.UpstreamAccountStates.allActive();
    }

    /** Only the tenant's own calls reach the simulator here, so injected faults hit what the test sends. */
    static final String PATH = "/api/v1/images/generations";

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @BeforeEach
    void reset() {
        simulator.reset();
        io.reef.support.UpstreamAccountStates.allActive();
    }

    @Test
    void upstream503OnSubmitIs503WithRetryAfterAndVoidsTheHold() {
        var t = Api.newTenant("10", "month");
        simulator.injectFault("sharkai", Operation.SUBMIT, 503, 2);
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p")).post(PATH)
                .then().statusCode(503).header("Retry-After", "30").body("error.type", equalTo("upstream_unavailable"));
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(503).header("Retry-After", notNullValue());
        assertNothingHeldOrCharged(t);
    }

    @Test
    void upstreamTimeoutOnSubmitIs504WithRetryAfterAndVoidsTheHold() {
        var t = Api.newTenant("10", "month");
        simulator.injectDelay("sharkai", Operation.SUBMIT, Duration.ofSeconds(7), 1);
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(504).header("Retry-After", notNullValue()).body("error.type", equalTo("upstream_timeout"));
        assertNothingHeldOrCharged(t);
    }

    @Test
    void resellerAccountProblemsUpstreamAre503AndAnOperatorAlertNeverATenant402() {
        var t = Api.newTenant("10", "month");
        for (int status : new int[] { 402, 403 }) {
            io.reef.support.UpstreamAccountStates.allActive(); // the first refusal took the only account out
            simulator.injectFault("sharkai", Operation.SUBMIT, status, 1);
            tenant(t.key()).body(Map.of("model", "m", "prompt", "p")).post(PATH)
                    .then().statusCode(503).header("Retry-After", notNullValue())
                    .body("error.type", equalTo("upstream_unavailable"));
        }
        Management.management().get("/q/metrics").then().statusCode(200)
                .body(containsString("reef_upstream_account_alerts_total{provider=\"sharkai\",status=\"402\"}"))
                .body(containsString("reef_upstream_account_alerts_total{provider=\"sharkai\",status=\"403\"}"));
        assertNothingHeldOrCharged(t);
    }

    @Test
    void upstream400IsPassedThroughAs400() {
        var t = Api.newTenant("10", "month");
        simulator.injectFault("sharkai", Operation.SUBMIT, 400, 1);
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p")).post(PATH)
                .then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
        assertNothingHeldOrCharged(t);
    }

    @Test
    void pollFailuresUpstreamAre503ButTheTaskIsStillTracked() {
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("model", "m", "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(202).extract().path("id");
        simulator.injectFault("sharkai", Operation.POLL, 503, 3); // one poll and its two retries
        tenant(t.key()).get(PATH + "/" + id).then().statusCode(503).header("Retry-After", notNullValue());
        io.reef.support.Eventually.until("the task completes", Duration.ofSeconds(10), () -> "completed".equals(
                tenant(t.key()).get(PATH + "/" + id).then().extract().path("status")));
        assertEquals(1, db.ledgerEntriesForJob(id));
    }

    private void assertNothingHeldOrCharged(Api.TestTenant t) {
        tenant(t.key()).get("/reef/v1/me").then().statusCode(200)
                .body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0));
        assertEquals(0, db.ledgerEntriesForTenant(t.id()));
    }
}
