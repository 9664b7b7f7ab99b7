package io.reef.provider.sharkapi;

import java.util.OptionalLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated SharkAPI treats every bearer key as one account, as the real one does: a job belongs to
 * the account that created it, and each account has its own balance (debited the job's cost), rate
 * limit, faults and counters.
 */
@QuarkusTest
class SimulatedSharkApiKeepsEachAccountApartTest {

    private static final String A = "sk_live_account_a";
    private static final String B = "sk_live_account_b";

    @Inject
    Simulator simulator;

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.defaultBehaviour(SharkApiProvider.NAME, Behaviour.builder().pendingMillis(60_000).build());
    }

    @Test
    void aJobIsNotFoundWithAnotherAccountsKeyAndStaysItsOwners() {
        String id = submit(A, "1k").statusCode(202).extract().path("job_id");

        poll(B, id).statusCode(404).body("error.type", equalTo("not_found_error"))
                .body("error.message", equalTo("Job not found: " + id));
        poll(B, "job_never_issued").statusCode(404).body("error.message", equalTo("Job not found: job_never_issued"));

        poll(A, id).statusCode(200).body("job_id", equalTo(id)).body("status", equalTo("queued"));
        assertEquals(1, simulator.taskCount(SharkApiProvider.NAME, A));
        assertEquals(0, simulator.taskCount(SharkApiProvider.NAME, B));
    }

    @Test
    void aBalanceThatRunsDryAnswers402AndCreatesNoJob() {
        // over the control API, as another process would: $0.04
        control().body("{\"api_key\":\"" + A + "\",\"balance_usd\":\"0.04\"}").put("/sim/control/sharkapi/accounts")
                .then().statusCode(200).body("balance_usd", equalTo("0.04"));

        submit(A, "2k").statusCode(202); // $0.02 list price
        simulator.behaviour(SharkApiProvider.NAME, "1k", Behaviour.builder().pendingMillis(60_000).finalCost("$0.015")
                .build());
        submit(A, "1k").statusCode(202); // debited the final cost it will bill: $0.015
        assertEquals(OptionalLong.of(5_000), simulator.accountBalance(SharkApiProvider.NAME, A));

        submit(A, "1k").statusCode(402).body("error.type", equalTo("insufficient_balance"))
                .body("error.message", startsWith("Insufficient wallet balance"));
        assertEquals(2, simulator.taskCount(SharkApiProvider.NAME));
        assertEquals(OptionalLong.of(5_000), simulator.accountBalance(SharkApiProvider.NAME, A));

        submit(B, "2k").statusCode(202);
        control().body("{\"api_key\":\"" + A + "\"}").post("/sim/control/sharkapi/accounts/stats")
                .then().statusCode(200).body("balance_usd", equalTo("0.005")).body("tasks", equalTo(2))
                .body("submits", equalTo(3));
        control().body("{\"api_key\":\"" + A + "\",\"balance_usd\":null}").put("/sim/control/sharkapi/accounts")
                .then().statusCode(200).body("balance_usd", equalTo(null));
        submit(A, "2k").statusCode(202);
    }

    @Test
    void theRateLimitAnswers429WithRetryAfterAndCreatesNoJob() {
        control().body("{\"api_key\":\"" + A + "\",\"submits_per_minute\":2}").put("/sim/control/sharkapi/accounts")
                .then().statusCode(200).body("submits_per_minute", equalTo(2)).body("balance_usd", equalTo(null));

        submit(A, "1k").statusCode(202);
        submit(A, "1k").statusCode(202);
        String retryAfter = submit(A, "1k").statusCode(429).body("error.type", equalTo("rate_limit_error"))
                .extract().header("Retry-After"); // the window opened just now: about 60 s, not a fixed value
        assertTrue(retryAfter.matches("\\d+"), retryAfter);
        assertThat(Integer.parseInt(retryAfter), allOf(greaterThanOrEqualTo(50), lessThanOrEqualTo(60)));
        assertEquals(2, simulator.taskCount(SharkApiProvider.NAME, A));

        submit(B, "1k").statusCode(202);
        assertEquals(3, simulator.taskCount(SharkApiProvider.NAME));
    }

    @Test
    void aFaultForOneAccountHitsOnlyThatAccountBeforeItsRateLimit() {
        simulator.accountRateLimit(SharkApiProvider.NAME, A, 1);
        control().body("{\"operation\":\"submit\",\"status\":403,\"count\":2,\"api_key\":\"" + A + "\"}")
                .post("/sim/control/sharkapi/faults").then().statusCode(204);
        assertEquals(2, simulator.pendingFaults(SharkApiProvider.NAME, Operation.SUBMIT, A));
        assertEquals(0, simulator.pendingFaults(SharkApiProvider.NAME, Operation.SUBMIT));

        submit(B, "1k").statusCode(202);
        submit(A, "1k").statusCode(403).body("error.type", equalTo("permission_error"));
        submit(A, "1k").statusCode(403);
        submit(A, "1k").statusCode(202); // the faults did not use up the rate limit
        submit(A, "1k").statusCode(429);
        assertEquals(2, simulator.taskCount(SharkApiProvider.NAME));
    }

    @Test
    void aDelayForOneAccountDelaysOnlyThatAccount() {
        String id = submit(A, "1k").statusCode(202).extract().path("job_id");
        control().body("{\"operation\":\"poll\",\"delay_ms\":1500,\"api_key\":\"" + A + "\"}")
                .post("/sim/control/sharkapi/faults").then().statusCode(204);
        assertEquals(0, simulator.pendingDelays(SharkApiProvider.NAME, Operation.POLL));

        poll(B, id).statusCode(404); // B does not take A's delay...
        long started = System.nanoTime();
        poll(A, id).statusCode(200); // ...so A's next poll still waits it
        assertTrue(System.nanoTime() - started >= 1_500_000_000L, "A's poll was not delayed");
    }

    @Test
    void eachAccountCountsItsOwnRequestsRefusedOnesIncluded() {
        simulator.injectFault(SharkApiProvider.NAME, Operation.SUBMIT, 500, 1, B);
        String id = submit(A, "1k").statusCode(202).extract().path("job_id");
        submit(B, "1k").statusCode(500);
        submit(B, "3k").statusCode(400);
        poll(A, id).statusCode(200);
        poll(A, id).statusCode(200);
        poll(B, id).statusCode(404);

        assertEquals(1, simulator.submits(SharkApiProvider.NAME, A));
        assertEquals(2, simulator.polls(SharkApiProvider.NAME, A));
        assertEquals(2, simulator.submits(SharkApiProvider.NAME, B));
        assertEquals(1, simulator.polls(SharkApiProvider.NAME, B));
        assertEquals(0, simulator.cancels(SharkApiProvider.NAME, B));
        control().body("{\"api_key\":\"" + B + "\"}").post("/sim/control/sharkapi/accounts/stats")
                .then().statusCode(200).body("submits", equalTo(2)).body("polls", equalTo(1)).body("cancels", equalTo(0))
                .body("tasks", equalTo(0)).body("balance_usd", equalTo(null)).body("submits_per_minute", equalTo(null));

        control().post("/sim/control/reset").then().statusCode(204);
        assertEquals(0, simulator.submits(SharkApiProvider.NAME, A));
        assertEquals(0, simulator.polls(SharkApiProvider.NAME, B));
    }

    private static ValidatableResponse submit(String key, String mode) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body("{\"prompt\":\"a shark\",\"mode\":\"" + mode + "\"}").post("/sim/sharkapi/v1/generate").then();
    }

    private static ValidatableResponse poll(String key, String id) {
        return given().header("Authorization", "Bearer " + key).get("/sim/sharkapi/v1/jobs/" + id).then();
    }

    private static io.restassured.specification.RequestSpecification control() {
        return given().contentType(ContentType.JSON);
    }
}
