package io.reef.console;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Db;
import io.restassured.response.Response;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's tenant forms go through the admin API's own validation: a refused form is the page
 * again with the error in words next to its field ({@code aria-invalid}, {@code
 * aria-describedby}, {@code
 *
<p class="error" id="<field>-error">
 * }), what was typed kept, and nothing
 * changed; a form that passes creates or changes exactly what the admin API shows, and answers 303
 * to the tenant's page. An unknown or malformed tenant id is a 404 page.
 */
@QuarkusTest
class TenantFormsRefuseBadInputNextToTheFieldAndChangeNothingTest {

    @Inject
    Db db;

    WebSessions.Signed operator;

    @BeforeEach
    void signIn() {
        operator = WebSessions.operator();
    }

    @Test
    void anEmptyNameIsRefusedNextToTheNameAndNoTenantIsCreated() {
        long before = tenants();
        Response page = create(Map.of("name", "  ", "limit", "25", "period", "month"));
        assertEquals(TenantPagesResource.REFUSED, page.statusCode());
        assertFieldError(page.asString(), "name", "Name must not be empty.");
        assertEquals(before, tenants());
    }

    @Test
    void aLimitThatIsNotAnAmountIsRefusedNextToTheLimitWithWhatWasTypedKept() {
        String name = "Bad limit " + System.nanoTime();
        long before = tenants();
        Response page = create(Map.of("name", name, "limit", "ten dollars", "period", "month"));
        assertEquals(TenantPagesResource.REFUSED, page.statusCode());
        String html = page.asString();
        assertFieldError(html, "limit", "Quota limit must be an amount in dollars, such as 25 or 12.50.");
        assertTrue(html.contains("value=\"" + name + "\""), "the name typed is kept");
        assertTrue(html.contains("value=\"ten dollars\""), "the limit typed is kept");
        assertEquals(before, tenants());

        assertFieldError(create(Map.of("name", name, "limit", "-5", "period", "month")).asString(), "limit",
                "Quota limit must not be negative.");
        assertFieldError(create(Map.of("name", name, "limit", "1.0000001", "period", "month")).asString(), "limit",
                "Quota limit must have at most 6 decimals and be below 9.2e12.");
        assertFieldError(create(Map.of("name", name, "limit", "5", "markup", "12.345")).asString(), "markup",
                "Markup must have at most 2 decimals.");
        assertFieldError(create(Map.of("name", name, "limit", "5", "rpm", "0")).asString(), "rpm",
                "Requests per minute must be a positive integer or null.");
        assertFieldError(create(Map.of("name", name, "limit", "5", "thresholds", "50, lots")).asString(), "thresholds",
                "Alert thresholds must be whole numbers separated by commas, such as 50, 80, 100.");
        assertEquals(before, tenants());
    }

    @Test
    void aFormThatPassesCreatesTheTenantTheAdminApiShowsAndGoesToItsPage() {
        String name = "Kelp & Co " + System.nanoTime();
        Response created = create(Map.of("name", name, "limit", "1,234.50", "period", "week", "markup", "12.5",
                "billing_mode", "prepaid", "rpm", "60", "concurrent", "4", "models", "flux-dev, 1k",
                "thresholds", "90, 50", "low_balance", "$2.25"));
        assertEquals(303, created.statusCode(), created.asString());
        String location = created.header("Location");
        assertTrue(location.matches(".*/console/tenants/[0-9a-f-]{36}"), location);
        String id = location.substring(location.lastIndexOf('/') + 1);
        Api.admin().get("/reef/admin/v1/tenants/" + id).then().statusCode(200)
                .body("name", equalTo(name))
                .body("quota.limit_usd", equalTo(1234.5f)).body("quota.period", equalTo("week"))
                .body("markup_percent", equalTo(12.5f)).body("billing_mode", equalTo("prepaid"))
                .body("rate_limit.requests_per_minute", equalTo(60)).body("rate_limit.max_concurrent_jobs", equalTo(4))
                .body("allowed_models", equalTo(List.of("flux-dev", "1k")))
                .body("alert_thresholds_percent", equalTo(List.of(50, 90)))
                .body("low_balance_usd", equalTo(2.25f));
        String page = operator.get().get("/console/tenants/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("<h1 class=\"tenant-name\">Kelp &amp; Co "), "the tenant's page, its name escaped");
    }

    @Test
    void aRefusedEditChangesNothingAndAnAcceptedOneChangesWhatThePatchWould() {
        String id = Api.createTenant("Edit me " + System.nanoTime(), "10", "month");
        String before = Api.admin().get("/reef/admin/v1/tenants/" + id).asString();
        Response refused = operator.post().formParam("csrf", operator.csrf()).formParam("name", "Edited")
                .formParam("limit", "10").formParam("period", "month").formParam("markup", "-1")
                .formParam("billing_mode", "postpaid").post("/console/tenants/" + id);
        assertEquals(TenantPagesResource.REFUSED, refused.statusCode());
        assertFieldError(refused.asString(), "markup", "Markup must not be negative.");
        assertTrue(refused.asString().contains("value=\"Edited\""), "what was typed is shown again");
        assertEquals(before, Api.admin().get("/reef/admin/v1/tenants/" + id).asString());

        operator.post().formParam("csrf", operator.csrf()).formParam("name", "Edited").formParam("limit", "30")
                .formParam("period", "day").formParam("markup", "7").formParam("billing_mode", "prepaid")
                .formParam("thresholds", "").post("/console/tenants/" + id).then().statusCode(303)
                .header("Location", endsWith("/console/tenants/" + id + "#settings"));
        Api.admin().get("/reef/admin/v1/tenants/" + id).then().body("name", equalTo("Edited"))
                .body("quota.limit_usd", equalTo(30)).body("quota.period", equalTo("day"))
                .body("markup_percent", equalTo(7)).body("billing_mode", equalTo("prepaid"))
                .body("alert_thresholds_percent", equalTo(List.of())).body("rate_limit.requests_per_minute", nullValue());
    }

    @Test
    void suspendAndResumeAreTheStatusPatch() {
        var t = Api.newTenant("10", "month");
        operator.post().formParam("csrf", operator.csrf()).post("/console/tenants/" + t.id() + "/suspend").then()
                .statusCode(303).header("Location", endsWith("/console/tenants/" + t.id()));
        Api.admin().get("/reef/admin/v1/tenants/" + t.id()).then().body("status", equalTo("suspended"));
        operator.get().get("/console/tenants/" + t.id()).then().body(containsString("Resume tenant"));
        operator.post().formParam("csrf", operator.csrf()).post("/console/tenants/" + t.id() + "/resume").then()
                .statusCode(303);
        Api.admin().get("/reef/admin/v1/tenants/" + t.id()).then().body("status", equalTo("active"));
    }

    @Test
    void aTopUpThatIsNotAnAmountOrReusesAReferenceIsRefusedNextToTheFieldAndGrantsNothing() {
        String id = Api.createTenant(Map.of("name", "Top me up " + System.nanoTime(), "billing_mode", "prepaid",
                "quota", Map.of("limit_usd", 100, "period", "month")));
        Response notAnAmount = topUp(id, "ten", "inv-1", "");
        assertEquals(TenantPagesResource.REFUSED, notAnAmount.statusCode());
        assertFieldError(notAnAmount.asString(), "amount", "Amount must be an amount in dollars, such as 25 or 12.50.");
        assertFieldError(topUp(id, "0.0000001", "inv-1", "").asString(), "amount",
                "Amount must have at most 6 decimals and be below 9.2e12 in size.");
        assertFieldError(topUp(id, "0", "inv-1", "").asString(), "amount",
                "Amount must not be zero (negative: a correction).");
        assertFieldError(topUp(id, "-1", "inv-1", "").asString(), "note",
                "Note is required for a correction (a negative amount_usd).");
        assertFieldError(topUp(id, "5", " ", "").asString(), "reference", "Reference must not be empty.");
        assertEquals(List.of(), credits(id));

        topUp(id, "12.50", "inv-1", "first invoice").then().statusCode(303)
                .header("Location", endsWith("/console/tenants/" + id + "#credit"));
        Response again = topUp(id, "12.50", "inv-1", "sent twice");
        assertEquals(TenantPagesResource.REFUSED, again.statusCode());
        assertFieldError(again.asString(), "reference",
                "This tenant already has a credit entry with reference 'inv-1'; nothing was changed.");
        assertEquals(List.of(12.5f), credits(id));
        Api.admin().get("/reef/admin/v1/tenants/" + id).then().body("balance.available_usd", equalTo(12.5f));
    }

    @Test
    void aTopUpCanExpireAtTheEndOfAUtcDayAndABadDayIsRefusedNextToTheField() {
        String id = Api.newTenant("10", "month").id();
        assertFieldError(topUp(id, "5", "inv-e1", "", "30/06/2027").asString(), "expires",
                "Expiry must be a day as YYYY-MM-DD (UTC), such as 2027-06-30, or empty.");
        assertFieldError(topUp(id, "5", "inv-e2", "", "2027-02-30").asString(), "expires",
                "Expiry must be a day as YYYY-MM-DD (UTC), such as 2027-06-30, or empty.");
        assertFieldError(topUp(id, "5", "inv-e3", "", "2020-01-01").asString(), "expires",
                "Expiry must be in the future.");
        assertFieldError(topUp(id, "-1", "inv-e4", "a correction", "2099-01-01").asString(), "expires",
                "Expiry cannot be set on a correction (a negative amount_usd).");
        assertEquals(List.of(), credits(id));

        topUp(id, "7", "inv-e5", "", "2099-06-30").then().statusCode(303);
        assertEquals(List.of(7f), credits(id));
        Api.admin().get("/reef/admin/v1/tenants/" + id + "/credits").then().statusCode(200)
                .body("credits[0].expires_at", equalTo("2099-07-01T00:00:00Z"));
        operator.get().get("/console/tenants/" + id).then().statusCode(200)
                .body(containsString("2099-07-01 00:00 UTC"));
    }

    @Test
    void anUnknownOrMalformedTenantIsA404Page() {
        for (String path : List.of("/console/tenants/00000000-0000-0000-0000-000000000000", "/console/tenants/nope",
                "/console/tenants/nope%3Cscript%3E")) {
            operator.get().get(path).then().statusCode(404).contentType(containsString("text/html"))
                    .body(containsString("<h1>Not found</h1>"));
        }
        operator.post().formParam("csrf", operator.csrf()).formParam("amount", "5").formParam("reference", "r")
                .post("/console/tenants/00000000-0000-0000-0000-000000000000/credits").then().statusCode(404)
                .contentType(containsString("text/html"));
        var t = Api.newTenant("10", "month");
        var other = Api.newTenant("10", "month");
        String othersKey = Api.admin().get("/reef/admin/v1/tenants/" + other.id() + "/keys").then().extract()
                .path("[0].id");
        operator.post().formParam("csrf", operator.csrf())
                .post("/console/tenants/" + t.id() + "/keys/" + othersKey + "/revoke").then().statusCode(404);
        Api.admin().get("/reef/admin/v1/tenants/" + other.id() + "/keys").then().body("[0].status", equalTo("active"));
    }

    private Response create(Map<String, String> fields) {
        var request = operator.post().formParam("csrf", operator.csrf());
        fields.forEach(request::formParam);
        return request.post("/console/tenants");
    }

    private Response topUp(String id, String amount, String reference, String note) {
        return topUp(id, amount, reference, note, "");
    }

    private Response topUp(String id, String amount, String reference, String note, String expires) {
        return operator.post().formParam("csrf", operator.csrf()).formParam("amount", amount)
                .formParam("reference", reference).formParam("note", note).formParam("expires", expires)
                .post("/console/tenants/" + id + "/credits");
    }

    private long tenants() {
        return ((Number) db.value("SELECT count(*) FROM tenant")).longValue();
    }

    private static List<Float> credits(String id) {
        return Api.admin().get("/reef/admin/v1/tenants/" + id + "/credits").then().statusCode(200).extract()
                .jsonPath().getList("credits.amount_usd", Float.class);
    }

    /** The error in words right after the field, the field marked invalid and described by it. */
    static void assertFieldError(String html, String field, String words) {
        assertTrue(html.contains("<div class=\"field invalid\">\n  <label for=\"" + field + "\">")
                || html.contains("<div class=\"field invalid\">\n  <label for=\"" + field + "\""),
                "field " + field
                        + " is marked invalid in " + html);
        assertTrue(html.matches("(?s).*id=\"" + field + "\"[^>]*aria-invalid=\"true\" aria-describedby=\"" + field
                + "-error[ \"].*"), "the input " + field + " is invalid and described by its error");
        String error = "<p class=\"error\" id=\"" + field + "-error\" role=\"alert\">" + escaped(words) + "</p>";
        assertTrue(html.contains(error), "expected " + error + " in " + html);
        assertFalse(html.contains("name=\"csrf\" value=\"\""), "the page carries the session's token");
    }

    private static String escaped(String words) {
        return words.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;").replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
