package io.reef.console;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.reef.console.TenantFormsRefuseBadInputNextToTheFieldAndChangeNothingTest.assertFieldError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's key form issues a key with its own controls (budget and period, requests a
 * minute, jobs at once, models, last day), through the admin API's own parsing: a bad control is
 * the form again with the error next to its field and no key issued; the issued key's controls are
 * the admin API's and are listed in words on the tenant's page.
 */
@QuarkusTest
class ConsoleIssuesAKeyWithItsOwnControlsTest {

    @Test
    void badControlsAreRefusedNextToTheirFieldAndIssueNoKey() {
        WebSessions.Signed operator = WebSessions.operator();
        String id = Api.createTenant("Key controls " + System.nanoTime(), "10", "month");

        assertFieldError(issue(operator, id, Map.of("key_name", "ci", "key_limit", "lots")).asString(), "key_limit",
                "Key budget must be an amount in dollars, such as 25 or 12.50.");
        assertFieldError(issue(operator, id, Map.of("key_name", "ci", "key_limit", "-5")).asString(), "key_limit",
                "Key budget must not be negative.");
        assertFieldError(issue(operator, id, Map.of("key_name", "ci", "key_rpm", "fast")).asString(), "key_rpm",
                "Key requests per minute must be a whole number, or empty for no limit.");
        assertFieldError(issue(operator, id, Map.of("key_name", "ci", "key_expires", "2099-13-01")).asString(),
                "key_expires", "Key expiry must be a day as YYYY-MM-DD (UTC), such as 2027-06-30, or empty.");
        assertFieldError(issue(operator, id, Map.of("key_name", "ci", "key_expires", "2020-01-01")).asString(),
                "key_expires", "Key expiry must be in the future.");
        Response refused = issue(operator, id, Map.of("key_name", "ci", "key_rpm", "fast", "key_models", "m1, m2"));
        assertEquals(TenantPagesResource.REFUSED, refused.statusCode());
        assertTrue(refused.asString().contains("id=\"key_models\" name=\"key_models\" type=\"text\" value=\"m1, m2\""),
                "what was sent is shown again");

        assertEquals(List.of(), keys(id).getList("$"), "no key was issued");
    }

    @Test
    void aKeyIsIssuedWithItsControlsAsTheAdminApiHasThemAndListedInWords() {
        WebSessions.Signed operator = WebSessions.operator();
        String id = Api.createTenant("Key controls " + System.nanoTime(), "10", "month");

        Response issued = issue(operator, id, Map.of("key_name", "ci", "key_limit", "5", "key_period", "week",
                "key_rpm", "30", "key_concurrent", "2", "key_models", "m1, m2", "key_expires", "2099-06-30"));
        assertEquals(200, issued.statusCode(), issued.asString());

        JsonPath key = keys(id);
        assertEquals("ci", key.getString("[0].name"));
        assertEquals(5.0f, key.getFloat("[0].quota.limit_usd"));
        assertEquals("week", key.getString("[0].quota.period"));
        assertEquals(30, key.getInt("[0].rate_limit.requests_per_minute"));
        assertEquals(2, key.getInt("[0].rate_limit.max_concurrent_jobs"));
        assertEquals(List.of("m1", "m2"), key.getList("[0].allowed_models"));
        assertEquals("2099-07-01T00:00:00Z", key.getString("[0].expires_at"));

        String page = operator.get().get("/console/tenants/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("<td class=\"key-controls\">$5.00 a week ($5.00 left); 30 requests a minute; "
                + "2 jobs at once; models m1, m2; expires 2099-07-01 00:00 UTC</td>"), page);

        issue(operator, id, Map.of("key_name", "plain")).then().statusCode(200);
        assertTrue(operator.get().get("/console/tenants/" + id).then().extract().asString()
                .contains("<td class=\"key-controls\">none</td>"), "a key without controls of its own");
    }

    private static Response issue(WebSessions.Signed operator, String tenantId, Map<String, String> fields) {
        var request = operator.post().formParam("csrf", operator.csrf());
        fields.forEach(request::formParam);
        return request.post("/console/tenants/" + tenantId + "/keys");
    }

    private static JsonPath keys(String tenantId) {
        return Api.admin().get("/reef/admin/v1/tenants/" + tenantId + "/keys").then().statusCode(200).extract().jsonPath();
    }
}
