package io.reef.provider.sharkai;

import java.util.OptionalInt;
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
 * The simulated Shark AI treats every bearer key as one account, as the real one does: a task belongs to
 * the account that created it, and each account has its own balance, rate limit, faults and counters.
 */
@QuarkusTest
class SimulatedSharkAiKeepsEachAccountApartTest {

    private static final String PATH = "/sim/sharkai/api/v1/images/generations";
    private static final String A = "sk-sharkai-account-a";
    private static final String B = "sk-sharkai-account-b";
    /** A model whose tasks stay pending for a minute (so they can be cancelled) at 400 credit ($0.04) an image. */
    private static final String SLOW = "slow-model";

    @Inject
    Simulator simulator;

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.behaviour(SharkAiProvider.NAME, SLOW, Behaviour.builder().pendingMillis(60_000).credit("400").build());
    }

    @Test
    void aTaskIsNotFoundWithAnotherAccountsKeyAndStaysItsOwners() {
        String id = submitAsync(A, 1).statusCode(202).extract().path("id");

        // another account's poll and cancel read exactly like an id never issued
        poll(B, id).statusCode(404).body("error.type", equalTo("not_found_error"))
                .body("error.message", equalTo("Task not found: " + id));
        poll(B, "task_never_issued").statusCode(404).body("error.message", equalTo("Task not found: task_never_issued"));
        cancel(B, id).statusCode(404).body("error.type", equalTo("not_found_error"))
                .body("error.message", equalTo("Task not found: " + id));

        // and changed nothing: the owner still sees it pending, and can cancel it
        poll(A, id).statusCode(200).body("id", equalTo(id)).body("status", equalTo("pending"));
        cancel(A, id).statusCode(200).body("status", equalTo("cancelled"));
        poll(B, id).statusCode(404);
        assertEquals(1, simulator.taskCount(SharkAiProvider.NAME, A));
        assertEquals(0, simulator.taskCount(SharkAiProvider.NAME, B));
    }

    @Test
    void aBalanceThatRunsDryAnswers402AndCreatesNoTask() {
        simulator.accountBalance(SharkAiProvider.NAME, A, 100_000); // $0.10

        submitAsync(A, 2).statusCode(202); // 2 images x 400 credit = $0.08
        assertEquals(OptionalLong.of(20_000), simulator.accountBalance(SharkAiProvider.NAME, A));

        submitAsync(A, 1).statusCode(402).header("Retry-After", (String) null)
                .body("error.type", equalTo("insufficient_balance"))
                .body("error.message", startsWith("Insufficient wallet balance"));
        submitSync(A).statusCode(402).body("error.type", equalTo("insufficient_balance"));
        assertEquals(1, simulator.taskCount(SharkAiProvider.NAME, A));
        assertEquals(1, simulator.taskCount(SharkAiProvider.NAME));
        assertEquals(OptionalLong.of(20_000), simulator.accountBalance(SharkAiProvider.NAME, A));

        // another account is not affected; a topped-up one is accepted again
        submitAsync(B, 1).statusCode(202);
        assertEquals(OptionalLong.empty(), simulator.accountBalance(SharkAiProvider.NAME, B));
        simulator.accountBalance(SharkAiProvider.NAME, A, 40_000);
        submitAsync(A, 1).statusCode(202);
        assertEquals(OptionalLong.of(0), simulator.accountBalance(SharkAiProvider.NAME, A));
        assertEquals(2, simulator.taskCount(SharkAiProvider.NAME, A));
    }

    @Test
    void theRateLimitAnswers429WithRetryAfterAndCreatesNoTask() {
        simulator.accountRateLimit(SharkAiProvider.NAME, A, 2);

        submitAsync(A, 1).statusCode(202);
        submitAsync(A, 1).statusCode(202);
        String retryAfter = submitAsync(A, 1).statusCode(429).body("error.type", equalTo("rate_limit_error"))
                .body("error.message", equalTo("Rate limit exceeded: at most 2 submits per minute"))
                .extract().header("Retry-After"); // the window opened just now: about 60 s, not a fixed value
        assertTrue(retryAfter.matches("\\d+"), retryAfter);
        assertThat(Integer.parseInt(retryAfter),
                allOf(greaterThanOrEqualTo(50), lessThanOrEqualTo(60)));
        submitSync(A).statusCode(429);
        assertEquals(2, simulator.taskCount(SharkAiProvider.NAME, A));

        submitAsync(B, 1).statusCode(202);
        assertEquals(3, simulator.taskCount(SharkAiProvider.NAME));
    }

    @Test
    void aFaultForOneAccountHitsOnlyThatAccountBeforeItsBalance() {
        simulator.injectFault(SharkAiProvider.NAME, Operation.SUBMIT, 503, 1, A);
        simulator.accountBalance(SharkAiProvider.NAME, A, 0);

        submitAsync(B, 1).statusCode(202);
        submitAsync(A, 1).statusCode(503).header("Retry-After", "30")
                .body("error.type", equalTo("service_unavailable"));
        submitAsync(A, 1).statusCode(402); // the fault was taken first, then the balance refuses
        assertEquals(0, simulator.pendingFaults(SharkAiProvider.NAME, Operation.SUBMIT, A));

        String id = submitAsync(B, 1).statusCode(202).extract().path("id");
        simulator.injectFault(SharkAiProvider.NAME, Operation.POLL, 500, 1, B);
        poll(A, id).statusCode(404); // A's poll does not take B's fault
        poll(B, id).statusCode(500);
        poll(B, id).statusCode(200);

        // the provider-wide fault still hits any account
        simulator.injectFault(SharkAiProvider.NAME, Operation.SUBMIT, 502, 1);
        submitAsync(A, 1).statusCode(502);
        assertEquals(2, simulator.taskCount(SharkAiProvider.NAME));
    }

    @Test
    void eachAccountCountsItsOwnRequestsRefusedOnesIncluded() {
        simulator.accountRateLimit(SharkAiProvider.NAME, A, 1);
        String id = submitAsync(A, 1).statusCode(202).extract().path("id");
        submitAsync(A, 1).statusCode(429);
        given().header("Authorization", "Bearer " + A).contentType(ContentType.JSON).body("{}").post(PATH)
                .then().statusCode(429); // the rate limit comes before validation
        poll(A, id).statusCode(200);
        poll(B, id).statusCode(404);
        poll(B, id).statusCode(404);
        cancel(B, id).statusCode(404);
        cancel(A, id).statusCode(200);
        cancel(A, id).statusCode(200);

        assertEquals(3, simulator.submits(SharkAiProvider.NAME, A));
        assertEquals(1, simulator.polls(SharkAiProvider.NAME, A));
        assertEquals(2, simulator.cancels(SharkAiProvider.NAME, A));
        assertEquals(0, simulator.submits(SharkAiProvider.NAME, B));
        assertEquals(2, simulator.polls(SharkAiProvider.NAME, B));
        assertEquals(1, simulator.cancels(SharkAiProvider.NAME, B));
        assertEquals(3, simulator.submits(SharkAiProvider.NAME));
        assertEquals(0, simulator.submits(SharkAiProvider.NAME, "sk-never-seen"));

        simulator.reset();
        assertEquals(0, simulator.submits(SharkAiProvider.NAME, A));
        // A's account is forgotten (not a count of all accounts: a background poll of an earlier
        // test's job, with Reef's own upstream key, may add that key's account at any time)
        assertEquals(OptionalInt.empty(), simulator.accountRateLimit(SharkAiProvider.NAME, A));
        assertEquals(OptionalLong.empty(), simulator.accountBalance(SharkAiProvider.NAME, A));
        submitAsync(A, 1).statusCode(202); // the rate limit is forgotten too
        submitAsync(A, 1).statusCode(202);
    }

    private static ValidatableResponse submitAsync(String key, int images) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body("{\"model\":\"" + SLOW + "\",\"prompt\":\"a shark\",\"async\":true,\"n\":" + images + "}")
                .post(PATH).then();
    }

    private static ValidatableResponse submitSync(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body("{\"model\":\"fast-model\",\"prompt\":\"a shark\"}").post(PATH).then();
    }

    private static ValidatableResponse poll(String key, String id) {
        return given().header("Authorization", "Bearer " + key).get(PATH + "/" + id).then();
    }

    private static ValidatableResponse cancel(String key, String id) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).post(PATH + "/" + id + "/cancel")
                .then();
    }
}
