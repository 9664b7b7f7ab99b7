package io.reef.provider.sharkapi;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Outcome;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.Management;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class SharkApiGenerationTest {

    static final String GENERATE = "/v1/generate";
    static final String JOBS = "/v1/jobs/";
    static final byte[] PNG_BYTES = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
    static final byte[] JPEG_BYTES = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F' };

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void generateAnswers202WithReefJobIdPollUrlAndTheTenantsPrice() {
        var t = Api.newTenant("10", "month");
        JsonPath accepted = tenant(t.key()).body(Map.of("mode", "2k", "prompt", "A great white shark")).post(GENERATE)
                .then().statusCode(202)
                .body("status", equalTo("queued"))
                .body("estimated_cost", equalTo("$0.02"))
                .body("created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"))
                .extract().jsonPath();
        String id = accepted.getString("job_id");
        assertEquals(true, id.startsWith("job_"));
        assertNotEquals(db.upstreamId(id), id);
        assertEquals("http://localhost:8081/v1/jobs/" + id, accepted.getString("poll_url"));
        assertEquals("Bearer sk_live_test_sharkapi_upstream", simulator.lastAuthorization("sharkapi"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.02f));
    }

    @Test
    void imageToImageIsForwardedUntouched() {
        var t = Api.newTenant("10", "month");
        String image = Base64.getEncoder().encodeToString(JPEG_BYTES);
        tenant(t.key()).body(Map.of("mode", "1k", "prompt", "watercolor", "image", image, "image_strength", 0.6,
                "seed", 42)).post(GENERATE).then().statusCode(202).body("estimated_cost", equalTo("$0.01"));
        var sent = simulator.lastSubmitBody("sharkapi");
        assertEquals(image, sent.get("image").asText());
        assertEquals("0.6", sent.get("image_strength").decimalValue().toPlainString());
        assertEquals(42, sent.get("seed").asInt());
    }

    @Test
    void jobStatusShapesAcrossItsLifeAndChargeOnCompletion() {
        simulator.behaviour("sharkapi", "2k", Behaviour.builder().pendingMillis(300).runningMillis(600).estimatedCost("$0.02")
                .finalCost("$0.03").build());
        String markedUp = Api.createTenant(Map.of("name", "m", "quota", Map.of("limit_usd", 10, "period", "day"),
                "markup_percent", 50));
        String key = Api.issueKey(markedUp);
        String id = tenant(key).body(Map.of("mode", "2k", "prompt", "p")).post(GENERATE)
                .then().statusCode(202).body("estimated_cost", equalTo("$0.03")).extract().path("job_id");
        tenant(key).get(JOBS + id).then().statusCode(200)
                .body("job_id", equalTo(id)).body("status", equalTo("queued"))
                .body("poll_url", equalTo("http://localhost:8081/v1/jobs/" + id))
                .body("estimated_cost", equalTo("$0.03")).body("image_url", nullValue());
        Eventually.until("processing", Duration.ofSeconds(5),
                () -> "processing".equals(tenant(key).get(JOBS + id).then().extract().path("status")));
        Eventually.until("complete", Duration.ofSeconds(5),
                () -> "complete".equals(tenant(key).get(JOBS + id).then().extract().path("status")));
        tenant(key).get(JOBS + id).then().statusCode(200)
                .body("job_id", equalTo(id))
                .body("image_url", startsWith("https://cdn.sharkapi.dev/images/"))
                .body("cost", equalTo("$0.045")) // final upstream $0.03 x 1.5
                .body("created_at", notNullValue());
        tenant(key).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.045f)).body("quota.held_usd", equalTo(0));
        assertEquals(1, db.ledgerEntriesForJob(id));
    }

    @Test
    void completionWithoutAFinalCostIsChargedTheEstimateOnceUnderConcurrentPolls() {
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(0).runningMillis(200).omitFinalCost().build());
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post(GENERATE)
                .then().statusCode(202).extract().path("job_id");
        Eventually.until("upstream complete", Duration.ofSeconds(5),
                () -> simulator.status("sharkapi", db.upstreamId(id)).orElse("").equals("complete"));
        List<String> statuses = Concurrently.run(20, i -> tenant(t.key()).get(JOBS + id).then().statusCode(200)
                .extract().path("status"));
        statuses.forEach(s -> assertEquals("complete", s));
        assertEquals(1, db.ledgerEntriesForJob(id));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.01f)).body("quota.held_usd", equalTo(0));
    }

    @Test
    void failedModeratedAndImagelessJobsAreNeverCharged() {
        var t = Api.newTenant("10", "month");
        simulator.behaviour("sharkapi", "1k",
                Behaviour.builder().pendingMillis(0).runningMillis(100).outcome(Outcome.FAIL).build());
        String failed = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post(GENERATE).then().statusCode(202)
                .extract().path("job_id");
        simulator.behaviour("sharkapi", "2k",
                Behaviour.builder().pendingMillis(0).runningMillis(100).outcome(Outcome.MODERATE).build());
        String moderated = tenant(t.key()).body(Map.of("mode", "2k", "prompt", "p")).post(GENERATE).then().statusCode(202)
                .extract().path("job_id");
        Eventually.until("failed", Duration.ofSeconds(5),
                () -> "failed".equals(tenant(t.key()).get(JOBS + failed).then().extract().path("status")));
        Eventually.until("moderated", Duration.ofSeconds(5),
                () -> "moderated".equals(tenant(t.key()).get(JOBS + moderated).then().extract().path("status")));
        tenant(t.key()).get(JOBS + moderated).then().body("error.message", containsString("moderation"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0)).body("quota.held_usd", equalTo(0));

        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(0).runningMillis(50)
                .outcome(Outcome.COMPLETE_WITHOUT_IMAGE).build());
        String imageless = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post(GENERATE).then().statusCode(202)
                .extract().path("job_id");
        Eventually.until("upstream says complete", Duration.ofSeconds(5),
                () -> simulator.status("sharkapi", db.upstreamId(imageless)).orElse("").equals("complete"));
        tenant(t.key()).get(JOBS + imageless).then().statusCode(200).body("status", equalTo("complete"));
        assertEquals("pending", db.jobStatus(imageless), "complete without an image is not a billable completion");
        assertEquals(0, db.ledgerEntriesForTenant(t.id()));
    }

    @Test
    void holdsFollowTheModeAndATenantWithFiveCentsLeftGetsTwo2kJobs() {
        var t = Api.newTenant("0.05", "total");
        simulator.behaviour("sharkapi", "2k", Behaviour.builder().pendingMillis(10_000).build());
        tenant(t.key()).body(Map.of("mode", "2k", "prompt", "a")).post(GENERATE).then().statusCode(202);
        tenant(t.key()).body(Map.of("mode", "2k", "prompt", "b")).post(GENERATE).then().statusCode(202);
        tenant(t.key()).body(Map.of("mode", "2k", "prompt", "c")).post(GENERATE).then().statusCode(402)
                .body("error.type", equalTo("insufficient_quota"));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.04f))
                .body("quota.remaining_usd", equalTo(0.01f));
        tenant(t.key()).body(Map.of("mode", "1k", "prompt", "d")).post(GENERATE).then().statusCode(202)
                .body("estimated_cost", equalTo("$0.01"));
        tenant(t.key()).body(Map.of("mode", "1k", "prompt", "e")).post(GENERATE).then().statusCode(402);
        assertEquals(3, simulator.submits("sharkapi"));
    }

    @Test
    void unparseableEstimatedCostIsAnAlertAndChargesTheHoldNeverZero() {
        simulator.behaviour("sharkapi", "2k", Behaviour.builder().pendingMillis(0).runningMillis(100)
                .estimatedCost("about 2 cents").omitFinalCost().build());
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("mode", "2k", "prompt", "p")).post(GENERATE).then().statusCode(202)
                .body("estimated_cost", equalTo("$0.02")).extract().path("job_id");
        Eventually.until("complete", Duration.ofSeconds(5),
                () -> "complete".equals(tenant(t.key()).get(JOBS + id).then().extract().path("status")));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.02f));
        Management.management().get("/q/metrics").then()
                .body(containsString("reef_upstream_unparseable_cost_total{provider=\"sharkapi\"}"));
    }

    @Test
    void anotherTenantsJobIs404() {
        var owner = Api.newTenant("10", "month");
        var other = Api.newTenant("10", "month");
        String id = tenant(owner.key()).body(Map.of("mode", "1k", "prompt", "p")).post(GENERATE).then().statusCode(202)
                .extract().path("job_id");
        tenant(other.key()).get(JOBS + id).then().statusCode(404).body("error.message", notNullValue());
        tenant(owner.key()).get(JOBS + db.upstreamId(id)).then().statusCode(404);
    }
}
