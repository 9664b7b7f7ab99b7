package io.reef.ledger;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.restassured.response.Response;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The printable statement is an HTML page with every value a client or operator chose escaped, no
 * script, no external asset, and a Content-Security-Policy that allows no script; a browser's
 * {@code Accept} gets it, while no {@code Accept} or {@code *}{@code /*} gets JSON.
 */
@QuarkusTest
class PrintableStatementEscapesEverythingAndRunsNoScriptTest {

    @Inject
    StatementFixtures fx;

    @Test
    void everyValueIsEscapedAndNothingCanRunOrLoad() {
        String id = Api.createTenant(Map.of("name", "<script>alert(1)</script>", "quota",
                Map.of("limit_usd", 10, "period", "month")));
        String key = Api.issueKey(id);
        fx.charge(id, "charge", "sharkai", "<img src=x onerror=alert(2)>", 40_000, 48_000,
                Instant.parse("2026-05-02T00:00:00Z"));
        fx.credit(id, 2_500_000, "ref\"><b>x</b>", "note <iframe src=//evil>", null, Instant.parse("2026-05-01T00:00:00Z"));

        Response page = admin().accept("text/html").get("/reef/admin/v1/tenants/" + id + "/statement?month=2026-05");
        page.then().statusCode(200).contentType("text/html")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", not(containsString("script-src")))
                .header("X-Content-Type-Options", "nosniff");
        String html = page.asString();
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"), html);
        assertTrue(html.contains("ref&quot;&gt;&lt;b&gt;x&lt;/b&gt;"), html);
        assertTrue(html.contains("note &lt;iframe src=//evil&gt;"), html);
        String lower = html.toLowerCase();
        for (String forbidden : new String[] { "<script", "<img", "<iframe", "<b>", "<link", "src=\"", "href=",
                "http://", "https://", "@import", "url(" }) {
            assertFalse(lower.contains(forbidden), "the page holds " + forbidden);
        }
        // the figures: opening 0, credits 2.5, charges 0.048 (cost 0.04, margin 0.008), closing 2.452
        assertTrue(html.contains(">2.5<") && html.contains(">0.048<") && html.contains(">0.04<")
                && html.contains(">0.008<") && html.contains(">2.452<"), html);
        assertTrue(html.contains("@media print"));

        String own = tenant(key).accept("text/html").get("/reef/v1/me/statement?month=2026-05")
                .then().statusCode(200).extract().asString();
        assertTrue(own.contains(">2.452<") && own.contains(">0.048<"), own);
        assertFalse(own.contains("Upstream cost") || own.contains("Margin") || own.contains(">0.04<"), own);
    }

    @Test
    void aBrowserGetsThePageAndAnyOtherClientJson() {
        String id = Api.createTenant(Map.of("name", "Negotiated", "quota", Map.of("limit_usd", 10, "period", "month")));
        String path = "/reef/admin/v1/tenants/" + id + "/statement?month=2026-05";
        admin().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").get(path).then()
                .statusCode(200).contentType("text/html");
        admin().accept("*/*").get(path).then().statusCode(200).contentType("application/json")
                .body("month", equalTo("2026-05"));
        admin().header("Accept", "").get(path).then().statusCode(200).contentType("application/json");
        admin().accept("text/csv;q=0.5, text/html;q=0.9").get(path).then().statusCode(200).contentType("text/html");
        admin().accept("image/png").get(path).then().statusCode(406);
    }
}
