package io.reef.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.restassured.response.Response;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A key issued on a tenant's page is on the answer to that form, once: the answer is a page (not a
 * redirect, so the key is in no URL), sets no cookie, is not cached, and the key works; the
 * tenant's page afterwards lists the key by name and prefix and never shows it again. Revoking it
 * on the page stops it on the tenant API (403 "This API key has been revoked", as the contract has it, on the provider API and
 * on
 * Reef's own).
 */
@QuarkusTest
class ConsoleShowsANewKeyExactlyOnceTest {

    private static final Pattern SHOWN = Pattern.compile("id=\"new-key\" class=\"secret\" type=\"text\" value=\"([^\"]+)\"");

    @Test
    void theKeyIsOnTheAnswerToTheFormOnlyAndWorksUntilRevoked() {
        WebSessions.Signed operator = WebSessions.operator();
        String id = Api.createTenant("Key once " + System.nanoTime(), "10", "month");

        Response issued = operator.post().formParam("csrf", operator.csrf()).formParam("key_name", "production")
                .post("/console/tenants/" + id + "/keys");
        assertEquals(200, issued.statusCode(), issued.asString());
        assertNull(issued.header("Location"));
        assertNull(issued.header("Set-Cookie"));
        assertEquals("no-store", issued.header("Cache-Control"));
        String html = issued.asString();
        Matcher shown = SHOWN.matcher(html);
        assertTrue(shown.find(), "the new key is on the page");
        String key = shown.group(1);
        assertFalse(shown.find(), "shown once on the page");
        assertTrue(html.contains("will not be shown again"), "the page says it is shown only once");

        Api.tenant(key).get("/reef/v1/me").then().statusCode(200).body("tenant.id", equalTo(id));

        String revisited = operator.get().get("/console/tenants/" + id).then().statusCode(200).extract().asString();
        assertFalse(revisited.contains(key), "revisiting the page never shows the key");
        assertFalse(revisited.contains("id=\"new-key\""));
        assertTrue(revisited.contains("<td class=\"key-name\">production</td>"), "the key is listed by name");
        String prefix = Api.admin().get("/reef/admin/v1/tenants/" + id + "/keys").then().extract().path("[0].prefix");
        assertTrue(prefix == null || (revisited.contains(prefix) && key.startsWith(prefix)), "listed by its prefix");

        String keyId = Api.admin().get("/reef/admin/v1/tenants/" + id + "/keys").then().extract().path("[0].id");
        operator.post().formParam("csrf", operator.csrf()).post("/console/tenants/" + id + "/keys/" + keyId + "/revoke")
                .then().statusCode(303);
        Api.tenant(key).body(java.util.Map.of("model", "any", "prompt", "p")).post("/api/v1/images/generations").then()
                .statusCode(403).body("error.message", equalTo("This API key has been revoked"));
        Api.tenant(key).get("/reef/v1/me").then().statusCode(403).body("error.message",
                equalTo("This API key has been revoked"));
        String after = operator.get().get("/console/tenants/" + id).asString();
        assertTrue(after.contains("<td class=\"key-status\">revoked</td>"), "listed as revoked");
        assertFalse(after.contains("/keys/" + keyId + "/revoke"), "a revoked key has no revoke button");
    }

    @Test
    void anEmptyKeyNameIsRefusedNextToTheFieldAndIssuesNothing() {
        WebSessions.Signed operator = WebSessions.operator();
        String id = Api.createTenant("Key name " + System.nanoTime(), "10", "month");
        Response refused = operator.post().formParam("csrf", operator.csrf()).formParam("key_name", "")
                .post("/console/tenants/" + id + "/keys");
        assertEquals(TenantPagesResource.REFUSED, refused.statusCode());
        TenantFormsRefuseBadInputNextToTheFieldAndChangeNothingTest.assertFieldError(refused.asString(), "key_name",
                "Key name must not be empty.");
        assertFalse(refused.asString().contains("id=\"new-key\""));
        Api.admin().get("/reef/admin/v1/tenants/" + id + "/keys").then().body("size()", equalTo(0));
    }
}
