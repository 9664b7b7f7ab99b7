package io.reef.event;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Webhooks;

import static io.reef.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The operator's webhook API: the secret is shown once, bad input is a 400 that registers nothing. */
@QuarkusTest
class WebhookRegistrationTest {

    private static final String PATH = "/reef/admin/v1/webhooks";

    @Test
    void theSecretIsShownOnlyInTheRegistrationsAnswer() {
        String id = admin().body(Map.of("url", "https://hooks.example.com/reef?token=abc",
                "events", List.of("tenant.budget.threshold", "upstream.account.alert", "tenant.budget.threshold")))
                .post(PATH).then().statusCode(201)
                .body("id", notNullValue()).body("secret", startsWith("whsec_"))
                .body("url", equalTo("https://hooks.example.com/reef?token=abc"))
                .body("events", equalTo(List.of("tenant.budget.threshold", "upstream.account.alert")))
                .body("created_at", notNullValue())
                .extract().path("id");
        admin().get(PATH + "/" + id).then().statusCode(200).body("id", equalTo(id)).body("secret", nullValue());
        admin().queryParam("limit", 1000).get(PATH).then().statusCode(200).body("id", hasItem(id))
                .body("secret.findAll { it != null }", equalTo(List.of()));
        admin().delete(PATH + "/" + id).then().statusCode(200).body("deleted_at", notNullValue()).body("secret", nullValue());
        admin().get(PATH + "/" + id).then().statusCode(404).body("error.type", equalTo("not_found_error"));
        admin().delete(PATH + "/" + id).then().statusCode(404);
        admin().queryParam("limit", 1000).get(PATH).then().body("id", not(hasItem(id)));
    }

    @Test
    void badRegistrationsAre400InReefsEnvelopeAndRegisterNothing() {
        int before = liveWebhooks();
        List<Object> bodies = List.of(
                Map.of("url", "https://hooks.example.com/x", "events", List.of("tenant.spent.everything")),
                Map.of("url", "https://hooks.example.com/x", "events", List.of()),
                Map.of("url", "https://hooks.example.com/x", "events", "tenant.budget.threshold"),
                Map.of("url", "https://hooks.example.com/x", "events", List.of(42)),
                Map.of("url", "https://hooks.example.com/x"),
                Map.of("events", List.of("tenant.budget.threshold")),
                Map.of("url", "ftp://hooks.example.com/x", "events", List.of("tenant.budget.threshold")),
                Map.of("url", "file:///etc/passwd", "events", List.of("tenant.budget.threshold")),
                Map.of("url", "/relative/path", "events", List.of("tenant.budget.threshold")),
                Map.of("url", "https://exa mple.com/", "events", List.of("tenant.budget.threshold")),
                Map.of("url", "https://user:pw@hooks.example.com/", "events", List.of("tenant.budget.threshold")),
                Map.of("url", "https://hooks.example.com/" + "a".repeat(2000), "events", List.of("tenant.budget.threshold")),
                Map.of("url", 7, "events", List.of("tenant.budget.threshold")));
        for (Object body : bodies) {
            String message = admin().body(body).post(PATH).then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error")).extract().path("error.message");
            assertFalse(message.contains("passwd") || message.contains("pw@"), "the value is not echoed: " + message);
        }
        admin().body("not json").post(PATH).then().statusCode(400);
        assertEquals(before, liveWebhooks());
    }

    @Test
    void unknownOrMalformedWebhookIdsAre404() {
        admin().get(PATH + "/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        admin().get(PATH + "/not-an-id").then().statusCode(404);
        admin().delete(PATH + "/not-an-id").then().statusCode(404);
    }

    @Test
    void theEventListRefusesAnUnknownTypeOrAMalformedTenant() {
        admin().queryParam("type", "tenant.nope").get("/reef/admin/v1/events").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
        admin().queryParam("tenant", "x").get("/reef/admin/v1/events").then().statusCode(400);
        admin().queryParam("limit", 0).get("/reef/admin/v1/events").then().statusCode(400);
        Webhooks.events("tenant.balance.low", "00000000-0000-0000-0000-000000000000"); // 200, empty
    }

    @Test
    void theWebhookApiNeedsTheOperatorToken() {
        io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("url", "https://hooks.example.com/x", "events", List.of("tenant.budget.threshold")))
                .post(PATH).then().statusCode(401);
        io.restassured.RestAssured.given().get("/reef/admin/v1/events").then().statusCode(401);
    }

    @Test
    void theWebhookAndEventEndpointsAreInTheOpenApiDocument() {
        io.reef.support.Management.management().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/reef/admin/v1/webhooks/{id}"))
                .body(org.hamcrest.Matchers.containsString("/reef/admin/v1/events"));
    }

    private static int liveWebhooks() {
        return admin().queryParam("limit", 1000).get(PATH).then().statusCode(200).extract().jsonPath().getList("$").size();
    }
}
