package io.reef.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * A tenant key only ever reads its own tenant's statement, whatever it adds to the request; the
 * operator's endpoint needs the operator token and answers 404 for a tenant that does not exist.
 */
@QuarkusTest
class StatementIsOnlyEverTheTenantsOwnTest {

    @Inject
    StatementFixtures fx;

    String a;
    String aKey;
    String b;
    String bKey;

    @BeforeEach
    void twoTenants() {
        a = Api.createTenant(Map.of("name", "Tenant A", "quota", Map.of("limit_usd", 10, "period", "month")));
        aKey = Api.issueKey(a);
        b = Api.createTenant(Map.of("name", "Tenant B", "quota", Map.of("limit_usd", 10, "period", "month")));
        bKey = Api.issueKey(b);
        fx.charge(a, "charge", "sharkai", "model-of-a", 1_000, 1_100, Instant.parse("2026-02-10T00:00:00Z"));
        fx.charge(b, "charge", "sharkai", "model-of-b", 2_000, 2_200, Instant.parse("2026-02-10T00:00:00Z"));
        fx.credit(b, 5_000_000, "grant-of-b", null, null, Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void aTenantKeyReadsItsOwnStatementWhateverItAsksFor() {
        for (String query : new String[] { "?month=2026-02", "?month=2026-02&tenant=" + b, "?month=2026-02&id=" + b }) {
            tenant(aKey).get("/reef/v1/me/statement" + query).then().statusCode(200)
                    .body("tenant.id", equalTo(a))
                    .body("tenant.name", equalTo("Tenant A"))
                    .body("charges", hasSize(1))
                    .body("charges[0].model", equalTo("model-of-a"))
                    .body("credits", hasSize(0));
        }
        tenant(bKey).get("/reef/v1/me/statement?month=2026-02").then().statusCode(200)
                .body("tenant.id", equalTo(b)).body("charges[0].model", equalTo("model-of-b"))
                .body("credits[0].reference", equalTo("grant-of-b"));
    }

    @Test
    void theTenantsCsvAndPageHoldNothingOfAnotherTenant() {
        String csv = tenant(aKey).accept("text/csv").get("/reef/v1/me/statement?month=2026-02&tenant=" + b)
                .then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("model-of-a"));
        org.junit.jupiter.api.Assertions.assertFalse(csv.contains("model-of-b") || csv.contains(b)
                || csv.contains("grant-of-b") || csv.contains("Tenant B"), csv);
        tenant(aKey).accept("text/html").get("/reef/v1/me/statement?month=2026-02").then().statusCode(200)
                .body(containsString("model-of-a")).body(not(containsString("model-of-b")))
                .body(not(containsString(b)));
    }

    @Test
    void aTenantKeyCannotReachTheOperatorsStatement() {
        tenant(aKey).get("/reef/admin/v1/tenants/" + b + "/statement?month=2026-02").then().statusCode(401)
                .body("error.type", equalTo("authentication_error"));
        tenant(aKey).get("/reef/admin/v1/tenants/" + a + "/statement?month=2026-02").then().statusCode(401);
    }

    @Test
    void withoutAValidKeyThereIsNoStatement() {
        given().get("/reef/v1/me/statement?month=2026-02").then().statusCode(401)
                .body("error.type", equalTo("authentication_error"));
        tenant("reef_not-a-real-key-000000000000000000").get("/reef/v1/me/statement?month=2026-02").then()
                .statusCode(401).body("charges", nullValue());
        given().get("/reef/admin/v1/tenants/" + a + "/statement?month=2026-02").then().statusCode(401);
    }

    @Test
    void theOperatorGets404ForATenantThatDoesNotExist() {
        admin().get("/reef/admin/v1/tenants/" + UUID.randomUUID() + "/statement?month=2026-02").then().statusCode(404)
                .body("error.type", equalTo("not_found_error")).body("error.message", equalTo("No such tenant"));
        admin().get("/reef/admin/v1/tenants/not-a-uuid/statement?month=2026-02").then().statusCode(404)
                .body("error.type", equalTo("not_found_error"));
        admin().accept("text/csv").get("/reef/admin/v1/tenants/" + UUID.randomUUID() + "/statement?month=2026-02")
                .then().statusCode(404).body(not(containsString("tenant_id")));
    }
}
