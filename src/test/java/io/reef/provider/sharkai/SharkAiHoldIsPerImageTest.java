package io.reef.provider.sharkai;

import java.math.BigDecimal;
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
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.Eventually;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Shark AI hold is the model's per-image estimate x {@code n}: a tenant cannot ask for ten
 * images on a one-image hold. (The simulator bills per image, as such models do.)
 */
@QuarkusTest
class SharkAiHoldIsPerImageTest {

    static final String PATH = "/api/v1/images/generations";

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void twentyFiveConcurrentTenImageRequestsCannotSpendMoreThanTheBudget() {
        // 400 credit ($0.04) per image: ten images hold $0.40, so a $1.00 budget admits two
        simulator.defaultBehaviour("sharkai", Behaviour.builder().pendingMillis(300).runningMillis(200).build());
        var t = Api.newTenant("1.00", "month");
        List<Integer> statuses = Concurrently.run(25, i -> tenant(t.key())
                .body(Map.of("model", "m", "prompt", "otter " + i, "n", 10, "async", true))
                .post(PATH).then().extract().statusCode());
        assertEquals(2, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(23, statuses.stream().filter(s -> s == 402).count(), statuses.toString());
        assertEquals(2, simulator.submits("sharkai"));

        Eventually.until("both jobs are charged", Duration.ofSeconds(15), () -> db.ledgerEntriesForTenant(t.id()) == 2);
        tenant(t.key()).get("/reef/v1/me").then()
                .body("quota.spent_usd", equalTo(0.8f))
                .body("quota.held_usd", equalTo(0))
                .body("quota.remaining_usd", equalTo(0.2f));
    }

    @Test
    void theHoldAndTheChargeAreBothPerImage() {
        simulator.defaultBehaviour("sharkai", Behaviour.builder().pendingMillis(5_000).build());
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("model", "m", "prompt", "p", "n", 3, "async", true)).post(PATH)
                .then().statusCode(202).extract().path("id");
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.12f));
        assertEquals(3, simulator.lastSubmitBody("sharkai").get("n").intValue(), "n reaches the provider");

        simulator.finishNow("sharkai", db.upstreamId(id));
        Eventually.until("the task is charged", Duration.ofSeconds(10), () -> db.ledgerEntriesForJob(id) == 1);
        tenant(t.key()).get(PATH + "/" + id).then().statusCode(200)
                .body("result.credit", equalTo(1200))
                .body("result.data.size()", equalTo(3));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.12f)).body("quota.held_usd", equalTo(0));
    }

    @Test
    void aMissingNHoldsOneImage() {
        simulator.defaultBehaviour("sharkai", Behaviour.builder().pendingMillis(5_000).build());
        var t = Api.newTenant("10", "month");
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p", "async", true)).post(PATH).then().statusCode(202);
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.04f));
    }

    @Test
    void anInvalidNIsRejectedBeforeAnythingIsHeld() {
        var t = Api.newTenant("10", "month");
        for (Object n : List.of(0, -1, 11, 1_000_000, "3", new BigDecimal("1.5"), true, List.of(2), Map.of("n", 1),
                new BigDecimal("1e400"))) {
            tenant(t.key()).body(Map.of("model", "m", "prompt", "p", "n", n)).post(PATH).then()
                    .statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", containsString("'n'"));
        }
        assertEquals(0, db.jobsForTenant(t.id()));
        assertEquals(0, simulator.submits("sharkai"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0));
    }
}
