package io.reef.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Db;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's jobs pages over seeded jobs of one tenant: the filters (tenant, provider, a status,
 * in flight, finished) narrow the list to exactly the matching jobs, the Next links visit every job
 * once newest first and Previous comes back, a filter it cannot read is the form again (400) with
 * the error next to its field, and one job's page shows its figures with the tenant's name as
 * text; an unknown or malformed id is a 404 page.
 */
@QuarkusTest
class ConsoleJobsPagesFilterPageAndShowOneJobTest {

    static final String NAME = "<i>Jobs & Co</i>";

    @Inject
    Db db;

    String tenantId;
    String running;
    WebSessions.Signed operator;

    @BeforeEach
    void seed() {
        tenantId = Api.createTenant(Map.of("name", NAME, "quota", Map.of("limit_usd", 100, "period", "total")));
        Api.issueKey(tenantId);
        Instant at = Instant.parse("2025-05-01T12:00:00Z");
        for (int i = 0; i < 55; i++) {
            db.seedCharge(tenantId, "sharkai", "flux", 10_000, 12_000, at.plusSeconds(i));
        }
        db.seedCharge(tenantId, "sharkapi", "2k", 20_000, 24_000, at.plusSeconds(100));
        running = "seed_running_" + UUID.randomUUID();
        // still running, not watched by the reconciler (no next poll); finished again after the test
        db.update("INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, upstream_id, status, hold_micros, "
                + "hold_state, markup_bp, expected_cost_micros, timeout_seconds, created_at, updated_at, upstream_account) "
                + "SELECT ?1, ?2, (SELECT id FROM api_key WHERE tenant_id = ?2 LIMIT 1), 'sharkai', 'flux', ?3, 'running', "
                + "12000, 'open', 2000, 10000, 300, ?4, ?4, 'primary'", running, UUID.fromString(tenantId),
                "up_" + UUID.randomUUID(), at.plusSeconds(200).atOffset(ZoneOffset.UTC));
        operator = WebSessions.operator();
    }

    @AfterEach
    void finishTheRunningJob() {
        db.update("UPDATE job SET status = 'failed', hold_state = 'voided', terminal_at = updated_at WHERE public_id = ?1",
                running);
    }

    /** The job ids of every page of the query, following the Next links. */
    List<String> allPages(String query) {
        List<String> ids = new ArrayList<>();
        String link = "/console/jobs" + query;
        while (link != null) {
            String html = operator.get().urlEncodingEnabled(false).get(link).then().statusCode(200).extract().asString();
            ids.addAll(Html.values(html, "data-job-id"));
            link = Html.rel(html, "next");
        }
        return ids;
    }

    @Test
    void theFiltersNarrowTheListToTheMatchingJobs() {
        String mine = "?tenant=" + tenantId;
        assertEquals(57, allPages(mine).size());
        assertEquals(List.of(running), allPages(mine + "&status=in_flight"));
        assertEquals(List.of(running), allPages(mine + "&status=running"));
        assertEquals(56, allPages(mine + "&status=terminal").size());
        assertEquals(56, allPages(mine + "&status=completed").size());
        assertEquals(List.of(), allPages(mine + "&status=failed"));
        assertEquals(1, allPages(mine + "&provider=sharkapi").size());
        assertEquals(56, allPages(mine + "&provider=sharkai").size());
        assertEquals(1, allPages(mine + "&provider=sharkapi&status=completed").size());

        String html = operator.get().get("/console/jobs" + mine + "&provider=sharkapi").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(html.contains("&lt;i&gt;Jobs &amp; Co&lt;/i&gt;"), "the tenant's name is text");
        assertFalse(html.contains(NAME));
        assertEquals(List.of("24000", "24000"), Html.values(html, "data-micros"), "hold and charge, exact");
        assertTrue(html.contains("<td class=\"status status-completed\">completed</td>"), html);
        String inFlight = operator.get().get("/console/jobs" + mine + "&status=in_flight").asString();
        assertEquals(List.of("12000"), Html.values(inFlight, "data-micros"), "a hold and no charge yet");
        assertTrue(inFlight.contains("<td class=\"account\">primary</td>"), inFlight);
    }

    @Test
    void theNextLinksVisitEveryJobOnceNewestFirstAndPreviousComesBack() {
        List<String> expected = new ArrayList<>(db.jobIdsForTenant(tenantId));
        java.util.Collections.reverse(expected); // newest first
        List<String> seen = allPages("?tenant=" + tenantId);
        assertEquals(expected, seen);

        String first = operator.get().get("/console/jobs?tenant=" + tenantId).asString();
        assertNull(Html.rel(first, "prev"));
        String next = Html.rel(first, "next");
        assertNotNull(next);
        String second = operator.get().urlEncodingEnabled(false).get(next).asString();
        assertEquals(expected.subList(50, 57), Html.values(second, "data-job-id"));
        assertNull(Html.rel(second, "next"));
        String back = operator.get().urlEncodingEnabled(false).get(Html.rel(second, "prev")).asString();
        assertEquals(expected.subList(0, 50), Html.values(back, "data-job-id"));
    }

    @Test
    void badFilterValuesAreTheFormAgainWithTheErrorNextToTheField() {
        String html = operator.get().get("/console/jobs?status=done").then().statusCode(400).extract().asString();
        assertTrue(html.contains("<p class=\"error\" id=\"status-error\" role=\"alert\">Choose a status from the list.</p>"),
                html);
        assertTrue(html.contains("aria-invalid=\"true\" aria-describedby=\"status-error\""), html);
        assertEquals(List.of(), Html.values(html, "data-job-id"));
        assertTrue(operator.get().get("/console/jobs?tenant=42").then().statusCode(400).extract().asString()
                .contains("id=\"tenant-error\""));
        assertTrue(operator.get().get("/console/jobs?provider=unknown").then().statusCode(400).extract().asString()
                .contains("id=\"provider-error\""));
    }

    @Test
    void oneJobsPageShowsItsFiguresAndAnUnknownIdIsA404() {
        String job = allPages("?tenant=" + tenantId + "&provider=sharkapi").get(0);
        String html = operator.get().get("/console/jobs/" + job).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(html.contains("<span class=\"job-id\">" + job + "</span>"), html);
        assertTrue(html.contains("&lt;i&gt;Jobs &amp; Co&lt;/i&gt;"));
        assertFalse(html.contains(NAME));
        assertTrue(html.contains("<dd class=\"charge\" data-micros=\"24000\">$0.02</dd>"), html);
        assertTrue(html.contains("<dd class=\"cost\">$0.02</dd>"), html);
        assertTrue(html.contains("<dd class=\"status status-completed\">completed</dd>"), html);
        assertTrue(html.contains("(charge) at 2025-05-01 12:01 UTC"), html);
        assertTrue(html.contains("<dd class=\"key-name\">test "), "the key's name, never its secret");

        String runningPage = operator.get().get("/console/jobs/" + running).then().statusCode(200).extract().asString();
        assertTrue(runningPage.contains("<dd class=\"charge\">not charged</dd>"), runningPage);
        assertTrue(runningPage.contains("<dd class=\"ledger-entry\">none</dd>"), runningPage);

        assertTrue(operator.get().get("/console/jobs/task_no_such_job").then().statusCode(404).extract().asString()
                .contains("No job has this id."));
        operator.get().get("/console/jobs/%3Cscript%3E").then().statusCode(404);
    }
}
