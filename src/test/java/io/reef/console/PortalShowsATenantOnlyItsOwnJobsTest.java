package io.reef.console;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.console.view.Format;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.JobCharges;
import io.restassured.response.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal's jobs pages read the session's tenant only: another tenant's job id is the same 404
 * page as an unknown id and shows nothing of that job; the list holds only the tenant's own jobs,
 * newest first, twenty a page, filtered by status; a status that is not one is shown in words next
 * to the field with 400. The pages list the jobs the tenant API lists, in its order.
 */
@QuarkusTest
class PortalShowsATenantOnlyItsOwnJobsTest {

    private static final Pattern JOB_ROW = Pattern.compile("<tr data-job-id=\"([^\"]+)\">");

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    JobCharges charges;

    @Test
    void anotherTenantsJobIsTheSame404AsAnUnknownIdAndShowsNothingOfIt() {
        Api.TestTenant mine = Api.newTenant("10", "month");
        Api.TestTenant theirs = Api.newTenant("10", "month");
        PortalGenerations.Charged own = PortalGenerations.run(simulator, db, charges, mine, "portal-own", "400");
        PortalGenerations.Charged other = PortalGenerations.run(simulator, db, charges, theirs, "portal-secret",
                "1234");
        WebSessions.Signed session = WebSessions.tenant(mine.key());

        Response ownPage = session.get().get("/portal/jobs/" + own.jobId());
        ownPage.then().statusCode(200);
        assertTrue(ownPage.asString().contains(own.model()), "its own job shows its model");
        assertTrue(ownPage.asString().contains(Format.money(own.charge().priceMicros())), "and its charge");

        Response foreign = session.get().get("/portal/jobs/" + other.jobId());
        Response unknown = session.get().get("/portal/jobs/job_does_not_exist");
        assertEquals(404, foreign.statusCode());
        assertEquals(404, unknown.statusCode());
        assertEquals(unknown.asString(), foreign.asString(), "another tenant's job reads exactly as an unknown id");
        String body = foreign.asString();
        assertTrue(body.contains("Job not found"), body);
        assertFalse(body.contains(other.model()), "nothing of the other job: its model");
        assertFalse(body.contains(other.jobId()), "nothing of the other job: its id");
        assertFalse(body.contains(Format.money(other.charge().priceMicros())), "nothing of the other job: its charge");

        String list = session.get().get("/portal/jobs").then().statusCode(200).extract().asString();
        assertEquals(List.of(own.jobId()), rows(list), "the list holds the tenant's own job only");
        assertFalse(list.contains(other.model()));
    }

    @Test
    void theListIsNewestFirstTwentyAPageAndFilteredByStatus() {
        Api.TestTenant t = Api.newTenant("10", "month");
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS);
        for (int i = 0; i < 23; i++) {
            db.seedCharge(t.id(), "sharkapi", "1k", 10_000, 12_000, start.plusSeconds(i));
        }
        List<String> ids = db.jobIdsForTenant(t.id()); // oldest first
        String failed = ids.get(3);
        db.update("UPDATE job SET status = 'failed', price_micros = NULL WHERE public_id = ?1", failed);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        WebSessions.Signed session = WebSessions.tenant(t.key());

        String first = session.get().get("/portal/jobs").then().statusCode(200).extract().asString();
        String second = session.get().get("/portal/jobs?page=2").then().statusCode(200).extract().asString();
        assertEquals(newestFirst.subList(0, 20), rows(first));
        assertEquals(newestFirst.subList(20, 23), rows(second));
        assertTrue(first.contains("href=\"/portal/jobs?status=&amp;page=2\""), "a link to the next page");
        assertFalse(first.contains("rel=\"prev\""), "no previous page before the first");
        assertTrue(second.contains("href=\"/portal/jobs?status=&amp;page=1\""), "a link back");
        assertFalse(second.contains("rel=\"next\""), "no next page after the last");
        assertTrue(first.contains(Format.money(12_000)), "charges as money");
        // the same jobs in the same order as the tenant API's list (one query)
        var api = Api.tenant(t.key()).get("/reef/v1/me/jobs?limit=20").then().statusCode(200).extract().jsonPath();
        assertEquals(rows(first), api.getList("jobs.id"));
        List<String> apiNext = Api.tenant(t.key()).get("/reef/v1/me/jobs?limit=20&before=" + api.getLong("next_before"))
                .then().statusCode(200).extract().jsonPath().getList("jobs.id");
        assertEquals(rows(second), apiNext);

        assertEquals(List.of(failed), rows(session.get().get("/portal/jobs?status=failed").asString()));
        List<String> completed = rows(session.get().get("/portal/jobs?status=completed").asString());
        assertEquals(20, completed.size());
        assertFalse(completed.contains(failed));
        assertEquals(List.of(), rows(session.get().get("/portal/jobs?status=in-flight").asString()));
        String page = session.get().get("/portal/jobs?status=completed&page=2").asString();
        assertEquals(2, rows(page).size());
        assertTrue(page.contains("href=\"/portal/jobs?status=completed&amp;page=1\""), "paging keeps the filter");
    }

    @Test
    void aStatusThatIsNotOneIsShownNextToTheFieldWith400() {
        Api.TestTenant t = Api.newTenant("10", "month");
        db.seedCharge(t.id(), "sharkapi", "1k", 10_000, 12_000, Instant.now().minusSeconds(60));
        WebSessions.Signed session = WebSessions.tenant(t.key());

        Response bad = session.get().queryParam("status", "<b>done</b>").get("/portal/jobs");
        assertEquals(400, bad.statusCode());
        String html = bad.asString();
        assertTrue(html.contains("<p class=\"error\" id=\"status-error\" role=\"alert\">Choose a status from the list"),
                html);
        assertTrue(html.contains("aria-describedby=\"status-error\""), html);
        assertTrue(html.contains("class=\"field invalid\""), html);
        assertFalse(html.contains("<b>done</b>"), "the value is not echoed unescaped");
        assertEquals(List.of(), rows(html), "no rows under a refused filter");
    }

    @Test
    void withoutASessionTheJobsPagesSendToTheLogin() {
        for (String path : List.of("/portal/jobs", "/portal/jobs/anything")) {
            Response r = io.restassured.RestAssured.given().redirects().follow(false).get(path);
            assertEquals(303, r.statusCode(), path);
            assertTrue(r.header("Location").endsWith("/portal/login"), path);
        }
        // an operator's session is not a tenant's: its secret under the portal's cookie name is no session
        WebSessions.Signed operator = WebSessions.operator();
        Response r = io.restassured.RestAssured.given().redirects().follow(false)
                .cookie("reef_portal", operator.cookie()).get("/portal/jobs");
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/portal/login"));
    }

    private static List<String> rows(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = JOB_ROW.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
