package io.reef.provider.sharkapi;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Management;
import io.restassured.response.ValidatableResponse;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each upstream error of SharkAPI's documentation, as the tenant sees it; the hold is voided every time. */
@QuarkusTest
class SharkApiUpstreamErrorsTest {

    /** A refusal in a test takes the account out of rotation, in the database too: leave it active for what follows. */
    @AfterEach
    void leaveUpstreamAccountsActive() {
        io.reef.support.UpstreamAccountStates.allActive();
    }

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    Api.TestTenant t;

    @BeforeEach
    void setUp() {
        simulator.reset();
        io.reef.support.UpstreamAccountStates.allActive();
        t = Api.newTenant("10", "month");
    }

    @Test
    void upstream400Is400() {
        submitWith(400).statusCode(400).body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void upstream422ModerationIs422WithTheProvidersMessage() {
        submitWith(422).statusCode(422).body("error.message", containsString("moderation"));
    }

    @Test
    void upstream429OnTheOnlyAccountIs503WithTheCoolDownAsRetryAfter() {
        // the account cools down for the provider's Retry-After (5 s) and no other can take the job
        submitWith(429).statusCode(503).header("Retry-After", "5").body("error.type", equalTo("upstream_unavailable"));
    }

    @Test
    void upstream503Is503WithRetryAfter30() {
        submitWith(503).statusCode(503).header("Retry-After", "30");
    }

    @Test
    void upstream402And403AreTheResellersProblem503AndAnAlertNeverTheTenants402() {
        submitWith(402).statusCode(503).body("error.type", equalTo("upstream_unavailable"));
        io.reef.support.UpstreamAccountStates.allActive(); // the 402 took the only account out
        submitWith(403).statusCode(503).body("error.type", equalTo("upstream_unavailable"));
        Management.management().get("/q/metrics").then()
                .body(containsString("reef_upstream_account_alerts_total{provider=\"sharkapi\",status=\"402\"}"))
                .body(containsString("reef_upstream_account_alerts_total{provider=\"sharkapi\",status=\"403\"}"));
    }

    private ValidatableResponse submitWith(int status) {
        simulator.injectFault("sharkapi", Operation.SUBMIT, status, 1);
        ValidatableResponse response = tenant(t.key()).body(Map.of("mode", "2k", "prompt", "p")).post("/v1/generate").then();
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0));
        assertEquals(0, db.ledgerEntriesForTenant(t.id()));
        return response;
    }
}
