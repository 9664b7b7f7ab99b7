package io.reef.console;

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
 * Every page of the console and the portal, with a charged job, a prepaid grant and events on
 * them: none holds the operator token, a tenant's key, an upstream account's key or a session's
 * cookie secret, and every one answers with the pages' security policy and {@code no-store}.
 */
@QuarkusTest
class NoPageEverShowsATokenOrAKeyTest {

    /** The upstream keys of the test profile (application.properties). */
    private static final List<String> UPSTREAM_KEYS = List.of("sk-test-sharkai-upstream",
            "sk_live_test_sharkapi_upstream");

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    JobCharges charges;

    @Test
    void noConsoleOrPortalPageHoldsASecret() {
        Api.TestTenant tenant = Api.newPrepaidTenant("20");
        PortalGenerations.Charged job = PortalGenerations.run(simulator, db, charges, tenant, "secret-scan", "400");
        WebSessions.Signed operator = WebSessions.operator();
        WebSessions.Signed portal = WebSessions.tenant(tenant.key());
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();

        List<String> consolePages = List.of("/console/", "/console/tenants", "/console/tenants/" + tenant.id(),
                "/console/ledger", "/console/ledger?tenant=" + tenant.id(), "/console/jobs",
                "/console/jobs/" + job.jobId(), "/console/events", "/console/events?tenant=" + tenant.id(),
                "/console/upstream-accounts");
        List<String> portalPages = List.of("/portal/", "/portal/jobs", "/portal/jobs/" + job.jobId(),
                "/portal/statements", "/portal/statements/" + month);
        List<String> secrets = new java.util.ArrayList<>(List.of(Api.ADMIN_TOKEN, tenant.key(), operator.cookie(),
                portal.cookie()));
        secrets.addAll(UPSTREAM_KEYS);

        for (String path : consolePages) {
            assertNoSecret(path, operator.get().get(path), secrets);
        }
        for (String path : portalPages) {
            assertNoSecret(path, portal.get().get(path), secrets);
        }
        // the CSV export too
        Response csv = operator.get().get("/console/ledger.csv?tenant=" + tenant.id());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.asString().contains(job.model()), "the export holds the job's entry");
        secrets.forEach(s -> assertFalse(csv.asString().contains(s), "a secret in the ledger export"));
    }

    private static void assertNoSecret(String path, Response page, List<String> secrets) {
        assertEquals(200, page.statusCode(), path);
        assertEquals(PageHeaders.POLICY, page.header("Content-Security-Policy"), path);
        assertEquals("no-store", page.header("Cache-Control"), path);
        String html = page.asString();
        for (String secret : secrets) {
            assertFalse(html.contains(secret), path + " holds a secret");
        }
    }
}
