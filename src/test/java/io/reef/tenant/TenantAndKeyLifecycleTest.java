package io.reef.tenant;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TenantAndKeyLifecycleTest {

    @Test
    void operatorCreatesReadsListsAndPatchesATenant() {
        String id = admin().body(Map.of("name", "Acme", "quota", Map.of("limit_usd", 12.5, "period", "month"),
                "rate_limit", Map.of("requests_per_minute", 60, "max_concurrent_jobs", 5), "markup_percent", 20))
                .post("/reef/admin/v1/tenants")
                .then().statusCode(201)
                .body("name", equalTo("Acme"))
                .body("status", equalTo("active"))
                .body("quota.limit_usd", equalTo(12.5f))
                .body("quota.period", equalTo("month"))
                .body("quota.spent_usd", equalTo(0))
                .body("quota.held_usd", equalTo(0))
                .body("quota.remaining_usd", equalTo(12.5f))
                .body("rate_limit.requests_per_minute", equalTo(60))
                .body("rate_limit.max_concurrent_jobs", equalTo(5))
                .body("markup_percent", equalTo(20))
                .extract().path("id");

        admin().get("/reef/admin/v1/tenants/" + id).then().statusCode(200).body("name", equalTo("Acme"));
        admin().get("/reef/admin/v1/tenants?limit=1000").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.name", equalTo("Acme"));

        admin().body(Map.of("name", "Acme Corp", "quota", Map.of("limit_usd", 20), "markup_percent", 12.25))
                .patch("/reef/admin/v1/tenants/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Acme Corp"))
                .body("quota.limit_usd", equalTo(20))
                .body("quota.period", equalTo("month"))
                .body("markup_percent", equalTo(12.25f));
    }

    @Test
    void keyIsShownOnceStoredAsHashAndWorksUntilRevoked() {
        String tenantId = Api.createTenant("keys", "1", "total");
        var issued = admin().body(Map.of("name", "ci")).post("/reef/admin/v1/tenants/" + tenantId + "/keys")
                .then().statusCode(201)
                .body("key", startsWith("reef_"))
                .body("prefix", notNullValue())
                .body("status", equalTo("active"))
                .extract();
        String key = issued.path("key");
        String keyId = issued.path("id");
        assertTrue(key.length() >= 40, "key must be a long random secret");
        assertTrue(key.startsWith(issued.path("prefix")));

        admin().get("/reef/admin/v1/tenants/" + tenantId + "/keys").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].key", nullValue())
                .body("[0].prefix", equalTo(issued.path("prefix")));

        tenant(key).get("/reef/v1/me").then().statusCode(200)
                .body("tenant.id", equalTo(tenantId))
                .body("tenant.name", equalTo("keys"))
                .body("tenant.status", equalTo("active"))
                .body("quota.limit_usd", equalTo(1))
                .body("quota.period", equalTo("total"))
                .body("quota.period_start", notNullValue())
                .body("quota.spent_usd", equalTo(0))
                .body("quota.held_usd", equalTo(0))
                .body("quota.remaining_usd", equalTo(1));

        admin().delete("/reef/admin/v1/keys/" + keyId).then().statusCode(200).body("status", equalTo("revoked"));
        tenant(key).get("/reef/v1/me").then().statusCode(403)
                .body("error.type", equalTo("permission_error"))
                .body("error.message", equalTo("This API key has been revoked"));
    }

    @Test
    void missingOrUnknownKeyIs401InTheProviderEnvelope() {
        given().get("/reef/v1/me").then().statusCode(401).body("error.type", equalTo("authentication_error"));
        given().body("{}").post("/api/v1/images/generations").then().statusCode(401)
                .body("error.message", notNullValue());
        tenant("reef_unknownkeyunknownkeyunknownkeyunknownkey").get("/reef/v1/me").then().statusCode(401)
                .body("error.type", equalTo("authentication_error"));
        tenant("sk-not-a-reef-key").get("/v1/jobs/job_x").then().statusCode(401);
    }

    @Test
    void suspendedTenantGets403AndCanBeReactivated() {
        var t = Api.newTenant("1", "day");
        tenant(t.key()).get("/reef/v1/me").then().statusCode(200);
        admin().body(Map.of("status", "suspended")).patch("/reef/admin/v1/tenants/" + t.id())
                .then().statusCode(200).body("status", equalTo("suspended"));
        tenant(t.key()).get("/reef/v1/me").then().statusCode(403).body("error.message", equalTo("This account is suspended"));
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p")).post("/api/v1/images/generations")
                .then().statusCode(403);
        admin().body(Map.of("status", "active")).patch("/reef/admin/v1/tenants/" + t.id()).then().statusCode(200);
        tenant(t.key()).get("/reef/v1/me").then().statusCode(200);
    }

    @Test
    void adminApiRejectsTenantKeysAndMissingTokens() {
        var t = Api.newTenant("1", "day");
        tenant(t.key()).get("/reef/admin/v1/tenants").then().statusCode(401).body("error.type",
                equalTo("authentication_error"));
        given().get("/reef/admin/v1/tenants").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").get("/reef/admin/v1/tenants").then().statusCode(401);
    }

    @Test
    void invalidTenantBodiesAre400NamingTheFieldAndCreateNothing() {
        int before = admin().get("/reef/admin/v1/tenants?limit=1000").then().extract().path("size()");
        assertBad("{", "not valid JSON");
        assertBad("[]", "JSON object");
        assertBad("{\"quota\":{\"limit_usd\":1,\"period\":\"day\"}}", "'name'");
        assertBad("{\"name\":\"x\",\"quota\":{\"limit_usd\":-1,\"period\":\"day\"}}", "'quota.limit_usd'");
        assertBad("{\"name\":\"x\",\"quota\":{\"limit_usd\":\"ten\",\"period\":\"day\"}}", "'quota.limit_usd'");
        assertBad("{\"name\":\"x\",\"quota\":{\"limit_usd\":1.0000001,\"period\":\"day\"}}", "'quota.limit_usd'");
        assertBad("{\"name\":\"x\",\"quota\":{\"limit_usd\":1,\"period\":\"year\"}}", "'quota.period'");
        assertBad("{\"name\":\"x\",\"quota\":{\"limit_usd\":1,\"period\":\"day\"},\"markup_percent\":-5}", "'markup_percent'");
        assertBad("{\"name\":\"x\",\"quota\":{\"limit_usd\":1,\"period\":\"day\"},\"rate_limit\":{\"requests_per_minute\":0}}",
                "'rate_limit.requests_per_minute'");
        assertBad(
                "{\"name\":\"x\",\"quota\":{\"limit_usd\":1,\"period\":\"day\"},\"rate_limit\":{\"max_concurrent_jobs\":1.5}}",
                "'rate_limit.max_concurrent_jobs'");
        int after = admin().get("/reef/admin/v1/tenants?limit=1000").then().extract().path("size()");
        assertEquals(before, after);

        String id = Api.createTenant("patchme", "1", "day");
        admin().body("{\"status\":\"deleted\"}").patch("/reef/admin/v1/tenants/" + id).then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.containsString("'status'"));
        admin().get("/reef/admin/v1/tenants/" + id).then().body("status", equalTo("active"));
        admin().get("/reef/admin/v1/tenants/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .body("error.type", equalTo("not_found_error"));
    }

    private static void assertBad(String body, String messagePart) {
        admin().body(body).post("/reef/admin/v1/tenants").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", org.hamcrest.Matchers.containsString(messagePart));
    }
}
