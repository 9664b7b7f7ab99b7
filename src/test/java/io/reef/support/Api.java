package io.reef.support;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** RestAssured helpers for the operator and tenant sides of Reef's API. */
public final class Api {

    public static final String ADMIN_TOKEN = "reef-suite-operator-token-4f9c2a7e1b6d8305";

    private Api() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    public static RequestSpecification tenant(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    /** Creates a tenant with the given quota (USD) and period; returns its id. */
    public static String createTenant(String name, String limitUsd, String period) {
        return createTenant(
                Map.of("name", name, "quota", Map.of("limit_usd", new java.math.BigDecimal(limitUsd), "period", period)));
    }

    public static String createTenant(Map<String, Object> body) {
        return admin().body(body).post("/reef/admin/v1/tenants").then().statusCode(201).extract().path("id");
    }

    public static String issueKey(String tenantId) {
        return admin().body(Map.of("name", "test")).post("/reef/admin/v1/tenants/" + tenantId + "/keys")
                .then().statusCode(201).extract().path("key");
    }

    /** Issues a key with the given body (its own controls); returns the whole answer (id, key, controls). */
    public static io.restassured.path.json.JsonPath issueKey(String tenantId, Map<String, Object> body) {
        return admin().body(body).post("/reef/admin/v1/tenants/" + tenantId + "/keys")
                .then().statusCode(201).extract().jsonPath();
    }

    /** Grants the tenant credit (USD) under a fresh reference. */
    public static void grant(String tenantId, String amountUsd) {
        admin().body(Map.of("amount_usd", new java.math.BigDecimal(amountUsd), "reference", "ref-" + System.nanoTime()))
                .post("/reef/admin/v1/tenants/" + tenantId + "/credits").then().statusCode(201);
    }

    /** A fresh prepaid tenant with a generous quota, the given credit and one key. */
    public static TestTenant newPrepaidTenant(String creditUsd) {
        String id = createTenant(Map.of("name", "prepaid-" + System.nanoTime(), "billing_mode", "prepaid",
                "quota", Map.of("limit_usd", 1000, "period", "month")));
        grant(id, creditUsd);
        return new TestTenant(id, issueKey(id));
    }

    /** A fresh tenant with one key; returns the key. */
    public static TestTenant newTenant(String limitUsd, String period) {
        String id = createTenant("t-" + System.nanoTime(), limitUsd, period);
        return new TestTenant(id, issueKey(id));
    }

    public record TestTenant(String id, String key) {
    }
}
