package io.reef.console;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.JobCharges;
import io.restassured.response.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page of the portal (account, jobs, a job, the 404 page, statements, a month) carries the
 * console's Content-Security-Policy and the other security headers, is never cached, and holds no
 * inline script or style; the printable statement carries its own policy alone, which allows no
 * script and no asset at all.
 */
@QuarkusTest
class EveryPortalPageHasThePolicyAndNoInlineScriptTest {

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    JobCharges charges;

    @Test
    void everyPortalPageHasThePolicyAndOnlyReefsScript() {
        Api.TestTenant t = Api.newTenant("10", "month");
        PortalGenerations.Charged job = PortalGenerations.run(simulator, db, charges, t, "portal-policy", "400");
        WebSessions.Signed session = WebSessions.tenant(t.key());
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        List<String> paths = List.of("/portal/", "/portal/jobs", "/portal/jobs?status=completed", "/portal/jobs?status=x",
                "/portal/jobs/" + job.jobId(), "/portal/jobs/nope", "/portal/statements", "/portal/statements/" + month,
                "/portal/statements/2000-00");
        for (String path : paths) {
            Response page = session.get().get(path);
            assertTrue(page.contentType().startsWith("text/html"), path + " " + page.contentType());
            assertEquals(List.of(PageHeaders.POLICY), page.headers().getValues("Content-Security-Policy"), path);
            assertEquals("DENY", page.header("X-Frame-Options"), path);
            assertEquals("same-origin", page.header("Referrer-Policy"), path);
            assertEquals("nosniff", page.header("X-Content-Type-Options"), path);
            assertEquals("no-store", page.header("Cache-Control"), path);
            EveryPageHasTheContentSecurityPolicyAndNoInlineScriptTest.assertNoInlineScript(page.asString());
        }
        Response css = session.get().get("/console/assets/portal.css");
        css.then().statusCode(200).contentType("text/css");

        Response printable = session.get().get("/portal/statements/" + month + "/print");
        assertEquals(200, printable.statusCode());
        List<String> policies = printable.headers().getValues("Content-Security-Policy");
        assertEquals(1, policies.size(), policies.toString());
        assertTrue(policies.get(0).startsWith("default-src 'none';") && !policies.get(0).contains("script-src"),
                policies.get(0));
        assertFalse(printable.asString().contains("<script"), "no script on the printable statement");
        assertEquals("DENY", printable.header("X-Frame-Options"));
        assertEquals("no-store", printable.header("Cache-Control"));
    }
}
