package io.reef.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.reef.common.ReefClock;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.BillingDb;
import io.reef.support.Db;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-key controls (budget, rate limits, allowed models, expiry) and tenant allowed models: shown
 * in key views, validated, and enforced by the one admission statement for both providers, each
 * refusal in the provider's envelope and changing nothing (no job row, no hold, no upstream call).
 */
@QuarkusTest
class KeyControlsTest {

    static final String SHARKAI = "/api/v1/images/generations";
    static final String SHARKAPI = "/v1/generate";

    @Inject
    Simulator simulator;
    @Inject
    ReefClock clock;
    @Inject
    Db db;
    @Inject
    BillingDb billing;
    @Inject
    EntityManager em;

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.defaultBehaviour("sharkai", Behaviour.builder().immediate().build()); // $0.04 held and charged
        simulator.defaultBehaviour("sharkapi", Behaviour.builder().pendingMillis(10_000).build());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aKeyShowsItsControlsNeverItsSecretAndNullClearsThem() {
        String id = Api.createTenant("keys-view", "10", "month");
        String expiry = clock.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        JsonPath issued = Api.issueKey(id, Map.of("name", "ci", "quota", Map.of("limit_usd", 2.5, "period", "day"),
                "rate_limit", Map.of("requests_per_minute", 10, "max_concurrent_jobs", 2),
                "allowed_models", List.of("1k", "openai/gpt-image-2"), "expires_at", expiry));
        assertTrue(issued.getString("key").startsWith("reef_"));
        String keyId = issued.getString("id");
        admin().get("/reef/admin/v1/tenants/" + id + "/keys").then().statusCode(200)
                .body("[0].name", equalTo("ci"))
                .body("[0].status", equalTo("active"))
                .body("[0].quota.limit_usd", equalTo(2.5f))
                .body("[0].quota.period", equalTo("day"))
                .body("[0].quota.spent_usd", equalTo(0))
                .body("[0].quota.held_usd", equalTo(0))
                .body("[0].rate_limit.requests_per_minute", equalTo(10))
                .body("[0].rate_limit.max_concurrent_jobs", equalTo(2))
                .body("[0].allowed_models", contains("1k", "openai/gpt-image-2"))
                .body("[0].expires_at", equalTo(expiry))
                .body("[0]", not(hasKey("key")))
                .body("[0]", not(hasKey("key_hash")));
        Map<String, Object> clear = new HashMap<>();
        clear.put("quota", null);
        clear.put("rate_limit", null);
        clear.put("allowed_models", null);
        clear.put("expires_at", null);
        admin().body(clear).patch("/reef/admin/v1/keys/" + keyId).then().statusCode(200)
                .body("quota", nullValue())
                .body("rate_limit.requests_per_minute", nullValue())
                .body("rate_limit.max_concurrent_jobs", nullValue())
                .body("allowed_models", nullValue())
                .body("expires_at", nullValue())
                .body("name", equalTo("ci"))
                .body("$", not(hasKey("key")));
        admin().body(Map.of("quota", Map.of("limit_usd", 1, "period", "total"))).patch("/reef/admin/v1/keys/" + keyId)
                .then().statusCode(200).body("quota.limit_usd", equalTo(1)).body("quota.period", equalTo("total"))
                .body("allowed_models", nullValue());
        admin().body(Map.of("name", "x")).patch("/reef/admin/v1/keys/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void badKeyControlsAre400AndChangeNothing() {
        String id = Api.createTenant("keys-bad", "10", "month");
        String keyId = Api.issueKey(id, Map.of("name", "k")).getString("id");
        String past = clock.now().minus(Duration.ofSeconds(1)).toString();
        List<Map<String, Object>> bad = List.of(
                Map.of("quota", Map.of("limit_usd", 1)),
                Map.of("quota", Map.of("period", "day")),
                Map.of("quota", Map.of("limit_usd", -1, "period", "day")),
                Map.of("quota", Map.of("limit_usd", 1, "period", "year")),
                Map.of("quota", 5),
                Map.of("rate_limit", Map.of("requests_per_minute", 0)),
                Map.of("rate_limit", Map.of("max_concurrent_jobs", 1.5)),
                Map.of("rate_limit", "fast"),
                Map.of("allowed_models", "1k"),
                Map.of("allowed_models", List.of("")),
                Map.of("expires_at", past),
                Map.of("expires_at", "soon"),
                Map.of("name", ""));
        for (Map<String, Object> body : bad) {
            admin().body(body).post("/reef/admin/v1/tenants/" + id + "/keys").then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"));
            admin().body(body).patch("/reef/admin/v1/keys/" + keyId).then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"));
        }
        admin().get("/reef/admin/v1/tenants/" + id + "/keys").then()
                .body("size()", equalTo(1))
                .body("[0].name", equalTo("k"))
                .body("[0].quota", nullValue())
                .body("[0].rate_limit.requests_per_minute", nullValue())
                .body("[0].allowed_models", nullValue())
                .body("[0].expires_at", nullValue());
    }

    @Test
    void aKeyOverItsOwnBudgetGets402ForBothProvidersWhileAnotherKeyOfTheTenantGoesOn() {
        String id = Api.createTenant("key-budget", "10", "month");
        String limited = Api.issueKey(id, Map.of("quota", Map.of("limit_usd", 0.04, "period", "month")))
                .getString("key");
        String other = Api.issueKey(id);
        tenant(limited).body(Map.of("mode", "2k", "prompt", "a")).post(SHARKAPI).then().statusCode(202);
        tenant(limited).body(Map.of("mode", "2k", "prompt", "b")).post(SHARKAPI).then().statusCode(202);
        long jobs = db.jobsForTenant(id);
        tenant(limited).body(Map.of("mode", "1k", "prompt", "c")).post(SHARKAPI).then().statusCode(402)
                .body("error.type", equalTo("insufficient_quota"))
                .body("error.message", containsString("API key's spending limit"));
        tenant(limited).body(Map.of("model", "m", "prompt", "d")).post(SHARKAI).then().statusCode(402)
                .body("error.type", equalTo("insufficient_quota"))
                .body("error.message", containsString("API key's spending limit"));
        assertNothingChanged(id, jobs, 2, 0);
        tenant(other).body(Map.of("model", "m", "prompt", "e")).post(SHARKAI).then().statusCode(200);
    }

    @Test
    void aModelTheTenantDoesNotAllowIs403ForBothProviders() {
        String id = Api.createTenant(Map.of("name", "tenant-models", "quota", Map.of("limit_usd", 10, "period", "month"),
                "allowed_models", List.of("1k", "ok-model")));
        String key = Api.issueKey(id);
        tenant(key).body(Map.of("mode", "2k", "prompt", "a")).post(SHARKAPI).then().statusCode(403)
                .body("error.type", equalTo("permission_error"))
                .body("error.message", containsString("not allowed for this account"));
        tenant(key).body(Map.of("model", "other-model", "prompt", "b")).post(SHARKAI).then().statusCode(403)
                .body("error.type", equalTo("permission_error"))
                .body("error.message", containsString("not allowed for this account"));
        assertNothingChanged(id, 0, 0, 0);
        tenant(key).body(Map.of("mode", "1k", "prompt", "c")).post(SHARKAPI).then().statusCode(202);
        tenant(key).body(Map.of("model", "ok-model", "prompt", "d")).post(SHARKAI).then().statusCode(200);
    }

    @Test
    void aModelTheKeyDoesNotAllowIs403ForBothProviders() {
        String id = Api.createTenant("key-models", "10", "month");
        String key = Api.issueKey(id, Map.of("allowed_models", List.of("2k", "ok-model"))).getString("key");
        tenant(key).body(Map.of("mode", "1k", "prompt", "a")).post(SHARKAPI).then().statusCode(403)
                .body("error.type", equalTo("permission_error"))
                .body("error.message", containsString("not allowed for this API key"));
        tenant(key).body(Map.of("model", "other-model", "prompt", "b")).post(SHARKAI).then().statusCode(403)
                .body("error.type", equalTo("permission_error"))
                .body("error.message", containsString("not allowed for this API key"));
        assertNothingChanged(id, 0, 0, 0);
        tenant(key).body(Map.of("mode", "2k", "prompt", "c")).post(SHARKAPI).then().statusCode(202);
        tenant(key).body(Map.of("model", "ok-model", "prompt", "d")).post(SHARKAI).then().statusCode(200);
    }

    @Test
    void anExpiredKeyIs401ForBothProviders() {
        String id = Api.createTenant("key-expiry", "10", "month");
        String key = Api.issueKey(id, Map.of("expires_at", clock.now().plus(Duration.ofMinutes(5)).toString()))
                .getString("key");
        tenant(key).body(Map.of("model", "m", "prompt", "a")).post(SHARKAI).then().statusCode(200);
        clock.shift(Duration.ofMinutes(6));
        tenant(key).body(Map.of("mode", "1k", "prompt", "b")).post(SHARKAPI).then().statusCode(401)
                .body("error.type", equalTo("authentication_error"))
                .body("error.message", containsString("expired"));
        tenant(key).body(Map.of("model", "m", "prompt", "c")).post(SHARKAI).then().statusCode(401)
                .body("error.type", equalTo("authentication_error"))
                .body("error.message", containsString("expired"));
        tenant(key).get("/reef/v1/me").then().statusCode(401);
        assertNothingChanged(id, 1, 0, 1);
    }

    @Test
    void theAdmissionStatementRefusesAKeyThatExpiredWhileItWasCached() {
        String id = Api.createTenant("key-expiry-cached", "10", "month");
        JsonPath issued = Api.issueKey(id, Map.of("name", "k"));
        String key = issued.getString("key");
        tenant(key).get("/reef/v1/me").then().statusCode(200); // the key is now in the auth cache, with no expiry
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE api_key SET expires_at = :at WHERE id = :id")
                .setParameter("at", java.time.OffsetDateTime.now().minusSeconds(1))
                .setParameter("id", UUID.fromString(issued.getString("id"))).executeUpdate());
        tenant(key).body(Map.of("mode", "1k", "prompt", "b")).post(SHARKAPI).then().statusCode(401)
                .body("error.type", equalTo("authentication_error"))
                .body("error.message", equalTo("This API key has expired"));
        assertNothingChanged(id, 0, 0, 0);
    }

    @Test
    void aKeysRateAndConcurrencyLimitsAre429WithRetryAfter() {
        String id = Api.createTenant("key-rate", "10", "month");
        String single = Api.issueKey(id, Map.of("rate_limit", Map.of("max_concurrent_jobs", 1))).getString("key");
        tenant(single).body(Map.of("mode", "1k", "prompt", "a")).post(SHARKAPI).then().statusCode(202);
        tenant(single).body(Map.of("mode", "1k", "prompt", "b")).post(SHARKAPI).then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.message", containsString("API key"));

        clock.shift(Duration.ofSeconds(60 - Instant.now().getEpochSecond() % 60)); // the start of a minute
        String slow = Api.issueKey(id, Map.of("rate_limit", Map.of("requests_per_minute", 2))).getString("key");
        tenant(slow).body(Map.of("model", "m", "prompt", "c")).post(SHARKAI).then().statusCode(200);
        tenant(slow).body(Map.of("model", "m", "prompt", "d")).post(SHARKAI).then().statusCode(200);
        tenant(slow).body(Map.of("model", "m", "prompt", "e")).post(SHARKAI).then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error.message", containsString("API key"));
        assertEquals(3, db.jobsForTenant(id));
        // the tenant's other keys are not limited by these keys' limits
        tenant(Api.issueKey(id)).body(Map.of("model", "m", "prompt", "f")).post(SHARKAI).then().statusCode(200);
    }

    /** No job row beyond {@code jobs}, the tenant's counters match its rows, no upstream call beyond those counted. */
    private void assertNothingChanged(String tenantId, long jobs, long sharkApiSubmits, long sharkAiSubmits) {
        assertEquals(jobs, db.jobsForTenant(tenantId));
        assertEquals(sharkApiSubmits, simulator.submits("sharkapi"));
        assertEquals(sharkAiSubmits, simulator.submits("sharkai"));
        assertTrue(billing.tenant(tenantId).consistent(), billing.tenant(tenantId).toString());
    }
}
