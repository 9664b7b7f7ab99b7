package io.reef.provider.sharkai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SharkAiGenerationTest {

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
    void syncGenerationAnswersLikeSharkAiWithTheTenantsPriceAndChargesOnce() {
        simulator.behaviour("sharkai", "openai/gpt-image-2", Behaviour.builder().pendingMillis(100).runningMillis(200)
                .credit(new BigDecimal("400")).build());
        var t = Api.newTenant("10", "month");
        tenant(t.key()).body(Map.of("model", "openai/gpt-image-2", "prompt", "A cute baby sea otter",
                "size", "1024x1024", "quality", "high", "n", 1, "style_preset", Map.of("name", "watercolor", "weight", 0.35)))
                .post(PATH)
                .then().statusCode(200)
                .body("created", notNullValue())
                .body("data", hasSize(1))
                .body("data[0].url", startsWith("https://cos.example.com/images/"))
                .body("usage.input_tokens", notNullValue())
                .body("usage.output_tokens", notNullValue())
                .body("usage.total_tokens", notNullValue())
                .body("credit", equalTo(400))
                .body("id", org.hamcrest.Matchers.nullValue());

        // model-specific fields reached the provider untouched; Reef submitted it async and used its own key
        JsonNode sent = simulator.lastSubmitBody("sharkai");
        assertEquals("1024x1024", sent.get("size").asText());
        assertEquals("high", sent.get("quality").asText());
        assertEquals(new BigDecimal("0.35"), sent.get("style_preset").get("weight").decimalValue());
        assertTrue(sent.get("async").asBoolean());
        assertEquals("Bearer sk-test-sharkai-upstream", simulator.lastAuthorization("sharkai"));

        tenant(t.key()).get("/reef/v1/me").then().statusCode(200)
                .body("quota.spent_usd", equalTo(0.04f))
                .body("quota.held_usd", equalTo(0))
                .body("quota.remaining_usd", equalTo(9.96f));
        assertEquals(1, db.ledgerEntriesForTenant(t.id()));
    }

    @Test
    void asyncGenerationReturnsReefTaskAndUrlsThenPollsToCompletion() {
        var t = Api.newTenant("10", "month");
        JsonPath accepted = tenant(t.key()).body(Map.of("model", "m1", "prompt", "otter", "async", true, "timeout", 120))
                .post(PATH)
                .then().statusCode(202)
                .body("object", equalTo("image.generation.task"))
                .body("status", equalTo("pending"))
                .body("created", notNullValue())
                .body("timeout", equalTo(120))
                .extract().jsonPath();
        String id = accepted.getString("id");
        assertTrue(id.startsWith("task_"));
        assertNotEquals(simulator.lastTaskId("sharkai"), id, "the upstream id must not leak");
        assertEquals("http://localhost:8081" + PATH + "/" + id, accepted.getString("polling_url"));
        assertEquals("http://localhost:8081" + PATH + "/" + id + "/cancel", accepted.getString("cancel_url"));

        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0.04f)).body("quota.spent_usd", equalTo(0));

        Eventually.until("the task completes", Duration.ofSeconds(10), () -> "completed".equals(
                tenant(t.key()).get(PATH + "/" + id).then().statusCode(200).extract().path("status")));
        tenant(t.key()).get(PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("object", equalTo("image.generation.task"))
                .body("status", equalTo("completed"))
                .body("timeout", equalTo(120))
                .body("result.data[0].url", notNullValue())
                .body("result.usage.total_tokens", notNullValue())
                .body("result.credit", equalTo(400));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.04f)).body("quota.held_usd", equalTo(0));
        assertEquals(1, db.ledgerEntriesForJob(id));
    }

    @Test
    void markupIsAppliedToHoldsChargesAndTheCreditTheTenantSees() {
        simulator.behaviour("sharkai", "priced", Behaviour.builder().immediate().credit(new BigDecimal("1234.5")).build());
        String id = Api.createTenant(Map.of("name", "marked-up", "quota", Map.of("limit_usd", 5, "period", "day"),
                "markup_percent", 12.5));
        String key = Api.issueKey(id);
        // 1234.5 credit = $0.12345 upstream; x 1.125 = $0.13888125 -> 138,881 micro-USD (half-up) = 1388.81 credit
        tenant(key).body(Map.of("model", "priced", "prompt", "p")).post(PATH)
                .then().statusCode(200).body("credit", equalTo(1388.81f));
        tenant(key).get("/reef/v1/me").then().body("quota.spent_usd", equalTo(0.138881f));
    }

    @Test
    void anotherTenantCannotSeeOrCancelATask() {
        var owner = Api.newTenant("10", "month");
        var other = Api.newTenant("10", "month");
        String id = tenant(owner.key()).body(Map.of("model", "m", "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(202).extract().path("id");
        tenant(other.key()).get(PATH + "/" + id).then().statusCode(404).body("error.type", equalTo("not_found_error"));
        tenant(other.key()).post(PATH + "/" + id + "/cancel").then().statusCode(404);
        tenant(owner.key()).get(PATH + "/" + id).then().statusCode(200);
        tenant(owner.key()).get(PATH + "/task_doesnotexist").then().statusCode(404);
        String upstreamId = db.upstreamId(id);
        tenant(owner.key()).get(PATH + "/" + upstreamId).then().statusCode(404);
    }

    @Test
    void badInputIs400InTheProviderEnvelopeAndReachesNobody() {
        var t = Api.newTenant("10", "month");
        long submitsBefore = simulator.submits("sharkai");
        assertBad(t.key(), "{\"model\":\"m\",", "not valid JSON");
        assertBad(t.key(), "[1,2]", "JSON object");
        assertBad(t.key(), "", "required");
        assertBad(t.key(), "{\"model\":\"m\"}", "'prompt' is required");
        assertBad(t.key(), "{\"prompt\":\"p\"}", "'model' is required");
        assertBad(t.key(), "{\"model\":\"m\",\"prompt\":42}", "'prompt' must be a string");
        assertBad(t.key(), "{\"model\":\"m\",\"prompt\":\"  \"}", "'prompt' must not be empty");
        assertBad(t.key(), "{\"model\":\"m\",\"prompt\":\"p\",\"async\":\"yes\"}", "'async' must be a boolean");
        assertBad(t.key(), "{\"model\":\"m\",\"prompt\":\"p\",\"timeout\":5}", "'timeout'");
        assertBad(t.key(), "{\"model\":\"m\",\"prompt\":\"p\",\"timeout\":\"60\"}", "'timeout'");
        assertEquals(submitsBefore, simulator.submits("sharkai"));
        assertEquals(0, db.jobsForTenant(t.id()));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0));
    }

    @Test
    void oversizedBodyIs413BeforeItIsRead() {
        var t = Api.newTenant("10", "month");
        String huge = "{\"model\":\"m\",\"prompt\":\"" + "x".repeat(10 * 1024 * 1024 + 10) + "\"}";
        tenant(t.key()).body(huge).post(PATH).then().statusCode(413).body("error.type", equalTo("request_too_large"));
        assertEquals(0, db.jobsForTenant(t.id()));
    }

    private static void assertBad(String key, String body, String message) {
        tenant(key).body(body).post(PATH).then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", org.hamcrest.Matchers.containsString(message));
    }
}
