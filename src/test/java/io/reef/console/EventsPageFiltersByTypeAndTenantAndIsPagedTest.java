package io.reef.console;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events page lists what {@code GET /reef/admin/v1/events} lists, newest first, 20 a page:
 * filtered by tenant, following the "Next page" links (which keep the filter) shows each of the
 * tenant's events once and no other tenant's; a type filter shows only that type; each row names
 * its tenant and says what happened in words; a filter that is not a known type or not a tenant
 * id is a 400 with the reason next to its field.
 */
@QuarkusTest
class EventsPageFiltersByTypeAndTenantAndIsPagedTest {

    private static final Pattern ROW = Pattern.compile("<tr data-event=\"([0-9a-f-]{36})\">(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("<td class=\"event-type\">([^<]*)</td>");
    private static final Pattern SUMMARY = Pattern.compile("<td class=\"event-summary\">([^<]*)</td>");
    private static final Pattern THRESHOLD = Pattern.compile("threshold: (\\d+)%");
    private static final Pattern NEXT = Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\">");

    @Inject
    Db db;

    @Test
    void aTenantsEventsArePagedNewestFirstAndEachShownOnce() {
        String name = "Events Otter " + System.nanoTime();
        String id = Api.createTenant(Map.of("name", name, "quota", Map.of("limit_usd", 0.04, "period", "month")));
        var tenant = new Api.TestTenant(id, Api.issueKey(id));
        // 25 thresholds (the API takes 20 at most; the table any number): one $0.01 charge, 25 % of the
        // quota, crosses them all at once
        db.update("UPDATE tenant SET alert_thresholds_percent = CAST(?1 AS integer[]) WHERE id = CAST(?2 AS uuid)",
                "{" + String.join(",", IntStream.rangeClosed(1, 25).mapToObj(Integer::toString).toList()) + "}", id);
        Webhooks.chargeOneCent(tenant, 8081, db, 1);
        var other = Api.newTenant("0.02", "month");
        Webhooks.chargeOneCent(other, 8081, db, 1); // an event of another tenant, newer than all of them
        List<String> apiIds = Webhooks.events("tenant.budget.threshold", id).getList("id", String.class);
        assertEquals(25, apiIds.size());

        WebSessions.Signed s = WebSessions.operator();
        List<String> seen = new ArrayList<>();
        List<Integer> thresholds = new ArrayList<>();
        String next = "/console/events?tenant=" + id;
        int pages = 0;
        while (next != null) {
            String html = s.get().get(next).then().statusCode(200).extract().asString();
            pages++;
            Matcher row = ROW.matcher(html);
            int rows = 0;
            while (row.find()) {
                rows++;
                seen.add(row.group(1));
                String cells = row.group(2);
                assertTrue(cells.contains(">" + name + "</a>"), "the row names its tenant: " + cells);
                Matcher type = TYPE.matcher(cells);
                assertTrue(type.find() && type.group(1).equals("tenant.budget.threshold"), cells);
                Matcher summary = SUMMARY.matcher(cells);
                assertTrue(summary.find(), cells);
                assertTrue(summary.group(1).contains("period: month") && summary.group(1).contains("spent: $0.01")
                        && summary.group(1).contains("limit: $0.04"), summary.group(1));
                Matcher threshold = THRESHOLD.matcher(summary.group(1));
                assertTrue(threshold.find(), summary.group(1));
                thresholds.add(Integer.parseInt(threshold.group(1)));
                assertTrue(cells.contains("UTC"), "the time names its zone: " + cells);
            }
            assertTrue(rows <= ConsoleResource.PAGE_SIZE, rows + " rows");
            Matcher link = NEXT.matcher(html);
            next = link.find() ? link.group(1).replace("&amp;", "&") : null;
            assertTrue(next == null || (rows == ConsoleResource.PAGE_SIZE && next.contains("tenant=" + id)),
                    "a next page keeps the filter: " + next);
        }
        assertEquals(2, pages);
        assertEquals(apiIds, seen, "the API's events, in its order (newest first)");
        assertEquals(25, new HashSet<>(seen).size());
        assertEquals(IntStream.rangeClosed(1, 25).boxed().toList(), thresholds.stream().sorted().toList());

        String page2 = s.get().get("/console/events?tenant=" + id + "&page=2").asString();
        assertTrue(page2.contains("<a rel=\"prev\" href=\"/console/events?tenant=" + id + "&amp;page=1\">"), page2);

        String lowBalance = s.get().get("/console/events?type=tenant.balance.low&tenant=" + id).then().statusCode(200)
                .extract().asString();
        assertFalse(ROW.matcher(lowBalance).find(), "no such event for this tenant");
        assertTrue(lowBalance.contains("No events for this filter."), lowBalance);

        String byType = s.get().get("/console/events?type=tenant.budget.threshold").then().statusCode(200).extract()
                .asString();
        Matcher types = TYPE.matcher(byType);
        int typed = 0;
        while (types.find()) {
            typed++;
            assertEquals("tenant.budget.threshold", types.group(1));
        }
        assertEquals(ConsoleResource.PAGE_SIZE, typed);
        assertTrue(byType.contains("<option value=\"tenant.budget.threshold\" selected>"), "the filter stays chosen");
        assertTrue(byType.contains(other.id()), "the newest event, another tenant's, is on the first page of its type");
    }

    @Test
    void aFilterThatIsNotATypeOrATenantIdIsShownNextToItsField() {
        WebSessions.Signed s = WebSessions.operator();
        String badType = s.get().get("/console/events?type=tenant.<b>nope</b>").then().statusCode(400).extract().asString();
        assertTrue(badType.contains("<select id=\"type\" name=\"type\" aria-invalid=\"true\" aria-describedby=\"type-error\">"),
                badType);
        assertTrue(badType.contains("<p class=\"error\" id=\"type-error\" role=\"alert\">There is no event type "
                + "\u201ctenant.&lt;b&gt;nope&lt;/b&gt;\u201d: choose one from the list.</p>"), badType);
        assertFalse(ROW.matcher(badType).find(), "nothing is listed");

        String badTenant = s.get().get("/console/events?tenant=12345").then().statusCode(400).extract().asString();
        assertTrue(badTenant.contains("aria-invalid=\"true\" aria-describedby=\"tenant-error\""), badTenant);
        assertTrue(badTenant.contains("<p class=\"error\" id=\"tenant-error\" role=\"alert\">That is not a tenant id"),
                badTenant);
        assertTrue(badTenant.contains("value=\"12345\""), "the field keeps what was typed");
        assertFalse(ROW.matcher(badTenant).find(), "nothing is listed");

        // without a session: to the login page, nothing listed
        io.restassured.RestAssured.given().redirects().follow(false).get("/console/events").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/login"));
    }
}
