package io.reef.console;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every console and portal response, and the front page, carries the Content-Security-Policy
 * ({@code default-src 'self'}, no inline script or style), no framing and a referrer policy; and no
 * page holds an inline script, an event-handler attribute, an inline style or an asset of another origin.
 */
@QuarkusTest
class EveryPageHasTheContentSecurityPolicyAndNoInlineScriptTest {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);

    @Test
    void everyPageHasThePolicyAndRunsOnlyReefsOwnScriptFiles() {
        var t = Api.newTenant("10", "month");
        WebSessions.Signed operator = WebSessions.operator();
        WebSessions.Signed tenant = WebSessions.tenant(t.key());
        List<Response> pages = List.of(given().get("/"), given().get("/console/login"), given().get("/portal/login"),
                operator.get().get("/console/"), operator.get().get("/console/events"),
                operator.get().get("/console/events?page=2&type=tenant.budget.threshold"),
                operator.get().get("/console/events?type=no.such.type"), // the 400 page
                operator.get().get("/console/upstream-accounts"), tenant.get().get("/portal/"),
                operator.post().post("/console/logout")); // the 403 page
        for (Response page : pages) {
            assertSecurityHeaders(page);
            assertTrue(page.contentType().startsWith("text/html"), page.contentType());
            assertEquals("no-store", page.header("Cache-Control"));
            assertNoInlineScript(page.asString());
        }
        // redirects, assets and unknown paths under the console get the headers too
        assertSecurityHeaders(given().redirects().follow(false).get("/console/"));
        Response css = given().get("/console/assets/reef.css");
        css.then().statusCode(200).contentType("text/css");
        assertSecurityHeaders(css);
        given().get("/console/assets/reef.js").then().statusCode(200);
        given().get("/console/assets/dashboard.css").then().statusCode(200).contentType("text/css");
        assertSecurityHeaders(given().get("/console/no-such-page"));
    }

    private static void assertSecurityHeaders(Response r) {
        String csp = r.header("Content-Security-Policy");
        assertEquals(PageHeaders.POLICY, csp);
        assertTrue(csp.startsWith("default-src 'self';") && csp.contains("script-src 'self';")
                && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
                csp);
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertEquals("same-origin", r.header("Referrer-Policy"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }

    static void assertNoInlineScript(String html) {
        Matcher m = SCRIPT.matcher(html);
        int scripts = 0;
        while (m.find()) {
            scripts++;
            assertTrue(m.group(1).contains("src=\"/console/assets/"), "a script not from Reef's assets: " + m.group());
            assertTrue(m.group(2).isBlank(), "an inline script: " + m.group());
        }
        assertEquals(1, scripts, "the page loads reef.js: " + html);
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(Pattern.compile("\\son[a-z]+\\s*=").matcher(lower).find(), "an event-handler attribute: " + html);
        assertFalse(lower.contains(" style="), "an inline style attribute: " + html);
        assertFalse(lower.contains("<style"), "an inline stylesheet: " + html);
        assertFalse(lower.contains("javascript:"), html);
        assertFalse(lower.contains("src=\"http") || lower.contains("href=\"http"),
                "an asset or link of another origin: " + html);
    }
}
