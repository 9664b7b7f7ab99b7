package io.reef.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Db;
import io.restassured.response.Response;

import static io.reef.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's ledger page ({@code /console/ledger}) over seeded entries of two tenants: each
 * filter narrows the rows to exactly the matching entries, the Next links visit every matching
 * entry once newest first (and Previous comes back), the export carries the same filters and is
 * the admin API's CSV of exactly those entries, and a filter it cannot read is the form again with
 * a 400 and the error next to its field.
 */
@QuarkusTest
class ConsoleLedgerPageFiltersPagesAndExportsTest {

    static final String NAME = "<b>Acme, \"Inc\"</b>";
    static final Instant DAY1 = Instant.parse("2025-06-01T10:00:00Z");
    static final Instant DAY2 = Instant.parse("2025-06-02T00:00:00Z");
    static final Instant DAY3 = Instant.parse("2025-06-03T23:59:59Z");

    @Inject
    Db db;

    /** Seeded once for every test of the class (they only read). */
    static String acme;
    static String other;
    static boolean seeded;
    WebSessions.Signed operator;

    @BeforeEach
    void seedOnceAndSignIn() {
        operator = WebSessions.operator();
        if (seeded) {
            return;
        }
        acme = Api.createTenant(Map.of("name", NAME, "quota", Map.of("limit_usd", 100, "period", "total")));
        Api.issueKey(acme);
        other = Api.createTenant(
                Map.of("name", "Other " + System.nanoTime(), "quota", Map.of("limit_usd", 100, "period", "total")));
        Api.issueKey(other);
        for (int i = 0; i < 30; i++) { // 30 at one instant: the pages must order them by id
            db.seedCharge(acme, "sharkai", "flux", 10_000, 12_000, DAY1);
        }
        for (int i = 0; i < 25; i++) {
            db.seedCharge(acme, "sharkai", "openai/gpt-image-2", 40_000, 48_000, DAY2.plusSeconds(i));
        }
        db.seedCharge(acme, "sharkapi", "2k", 20_000, 24_000, Instant.parse("2025-06-04T00:00:00Z")); // after the range
        db.seedCharge(other, "sharkai", "flux", 10_000, 12_000, DAY2);
        seedLateCharge(acme, DAY3);
        seeded = true;
    }

    /** A job that completed after its hold was voided, and its late charge (sharkapi 2k, cost 0.02, price 0.024). */
    private void seedLateCharge(String tenantId, Instant at) {
        String job = "seed_late_" + UUID.randomUUID();
        var when = at.atOffset(java.time.ZoneOffset.UTC);
        db.update("INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, upstream_id, status, hold_micros, "
                + "hold_state, markup_bp, expected_cost_micros, cost_micros, price_micros, timeout_seconds, created_at, "
                + "updated_at, terminal_at) SELECT ?1, ?2, (SELECT id FROM api_key WHERE tenant_id = ?2 LIMIT 1), 'sharkapi', "
                + "'2k', ?3, 'completed', 24000, 'voided', 2000, 20000, 20000, 24000, 300, ?4, ?4, ?4",
                job, UUID.fromString(tenantId), "up_" + UUID.randomUUID(), when);
        db.update("INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at, kind) "
                + "SELECT id, tenant_id, provider, model, 20000, 24000, ?2, 'late_charge' FROM job WHERE public_id = ?1",
                job, when);
    }

    /** The entry ids of every page of the query, following the Next links. */
    List<Long> allPages(String query) {
        List<Long> ids = new ArrayList<>();
        String link = "/console/ledger" + query;
        while (link != null) {
            String html = operator.get().urlEncodingEnabled(false).get(link).then().statusCode(200).extract().asString();
            Html.values(html, "data-entry-id").forEach(id -> ids.add(Long.parseLong(id)));
            link = Html.rel(html, "next");
        }
        return ids;
    }

    String page(String query) {
        Response page = operator.get().urlEncodingEnabled(false).get("/console/ledger" + query);
        page.then().statusCode(200).contentType(containsString("text/html"));
        return page.asString();
    }

    @Test
    void eachFilterNarrowsTheRowsToTheMatchingEntries() {
        String range = "?tenant=" + acme + "&from=2025-06-01&to=2025-06-03";
        String html = page(range);
        assertEquals(50, Html.values(html, "data-entry-id").size(), "a full first page");
        assertTrue(html.contains("&lt;b&gt;Acme, &quot;Inc&quot;&lt;/b&gt;"), "the tenant's name is text");
        assertFalse(html.contains(NAME));
        assertEquals(56, allPages(range).size(), "both days included");

        assertEquals(25, allPages(range + "&model=openai%2Fgpt-image-2").size());
        assertEquals(30, allPages(range + "&model=flux").size());
        assertEquals(1, allPages(range + "&provider=sharkapi").size());
        assertEquals(55, allPages(range + "&provider=sharkai").size());
        assertEquals(55, allPages(range + "&kind=charge").size());
        String late = page(range + "&kind=late_charge");
        assertEquals(1, Html.values(late, "data-entry-id").size());
        assertTrue(late.contains("<td>late charge</td>"), late);
        assertEquals(26, allPages("?tenant=" + acme + "&from=2025-06-02&to=2025-06-03").size());
        assertEquals(2, allPages("?tenant=" + acme + "&from=2025-06-03&model=2k").size(), "no last day: every later entry");
        assertEquals(30, allPages("?tenant=" + acme + "&to=2025-06-01").size(), "no first day: every earlier entry");
        String otherDay = page("?tenant=" + other + "&from=2025-06-02&to=2025-06-02");
        assertEquals(1, Html.values(otherDay, "data-entry-id").size());
        assertFalse(otherDay.contains("Acme"));
        assertTrue(otherDay.contains("<span class=\"filtered-tenant\">Other "), "the filtered tenant is named");
        // prices and costs as money, the exact micro-dollars in the data
        String one = page(range + "&provider=sharkapi");
        assertEquals(List.of("24000", "20000"), Html.values(one, "data-micros"));
        assertTrue(one.contains(">$0.02</td>"), one);
    }

    @Test
    void theNextLinksVisitEveryEntryOnceNewestFirstAndPreviousComesBack() {
        String agg = (String) db.value("SELECT array_agg(id ORDER BY created_at DESC, id DESC)::text FROM ledger_entry "
                + "WHERE tenant_id = ?1 AND created_at >= '2025-06-01' AND created_at < '2025-06-04'", UUID.fromString(acme));
        List<Long> expected = new ArrayList<>();
        for (String id : agg.replace("{", "").replace("}", "").split(",")) {
            expected.add(Long.parseLong(id));
        }
        assertEquals(56, expected.size());

        List<Long> seen = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        String link = "/console/ledger?tenant=" + acme + "&from=2025-06-01&to=2025-06-03";
        while (link != null) {
            Response page = operator.get().urlEncodingEnabled(false).get(link);
            page.then().statusCode(200);
            String html = page.asString();
            pages.add(link);
            Html.values(html, "data-entry-id").forEach(id -> seen.add(Long.parseLong(id)));
            if (pages.size() == 1) {
                assertNull(Html.rel(html, "prev"), "the first page has no Previous");
            }
            link = Html.rel(html, "next");
        }
        assertEquals(expected, seen, "every entry once, newest first");
        assertEquals(2, pages.size());
        Set<Long> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size());

        String last = operator.get().urlEncodingEnabled(false).get(pages.get(1)).asString();
        String previous = Html.rel(last, "prev");
        assertNotNull(previous);
        assertEquals(expected.subList(0, 50),
                Html.values(operator.get().urlEncodingEnabled(false).get(previous).asString(), "data-entry-id").stream()
                        .map(Long::parseLong).toList(),
                "Previous from the last page is the first page");
    }

    @Test
    void theExportIsTheAdminApisCsvOfExactlyTheFilteredEntries() {
        String html = page("?tenant=" + acme + "&from=2025-06-01&to=2025-06-03&model=openai%2Fgpt-image-2");
        String href = Html.linkOfClass(html, "export");
        assertEquals("/console/ledger.csv?tenant=" + acme + "&model=openai%2Fgpt-image-2&from=2025-06-01&to=2025-06-03",
                href);
        Response csv = operator.get().urlEncodingEnabled(false).get(href);
        csv.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"reef-ledger-from-2025-06-01-to-2025-06-03.csv\"");
        String[] lines = csv.asString().split("\r\n");
        assertEquals("entry_id,created_at,tenant_id,tenant_name,job_id,provider,model,cost_usd,price_usd,margin_usd", lines[0]);
        assertEquals(26, lines.length, "the header and every one of the 25 entries, not only a page");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            assertEquals(acme, cells[2]);
            assertEquals("\"<b>Acme, \"\"Inc\"\"</b>\"", cells[3]);
            assertEquals("openai/gpt-image-2", cells[6]);
            assertEquals("0.04", cells[7]);
            assertEquals("0.048", cells[8]);
            assertEquals("0.008", cells[9]);
        }

        // the same writer as the admin API's CSV: every entry of the tenant's days is exactly its rows
        String all = operator.get().get("/console/ledger.csv?tenant=" + acme + "&from=2025-06-01&to=2025-06-03").asString();
        String api = admin().accept("text/csv").get("/reef/admin/v1/ledger?tenant=" + acme + "&from=2025-06-01&to=2025-06-04")
                .then().statusCode(200).extract().asString();
        assertEquals(api, all);
        assertEquals(57, all.split("\r\n").length);
    }

    @Test
    void badFilterValuesAreTheFormAgainWithTheErrorNextToTheField() {
        String html = operator.get().get("/console/ledger?from=2025-13-01&to=2025-06-03").then().statusCode(400)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(html.contains("<p class=\"error\" id=\"from-error\" role=\"alert\">Enter a day as YYYY-MM-DD (a UTC date), "
                + "for example 2026-12-01.</p>"), html);
        assertTrue(html.contains("aria-describedby=\"from-hint from-error\" aria-invalid=\"true\""), html);
        assertTrue(html.contains("value=\"2025-13-01\""), "what was typed is shown back to be corrected");
        assertFalse(html.contains("to-error"));
        assertEquals(List.of(), Html.values(html, "data-entry-id"), "no rows for a filter it cannot read");
        assertNull(Html.linkOfClass(html, "export"));

        assertTrue(operator.get().get("/console/ledger?from=2025-06-03&to=2025-06-01").then().statusCode(400)
                .extract().asString()
                .contains("id=\"to-error\" role=\"alert\">The last day must be the first day or after it."));
        assertTrue(operator.get().get("/console/ledger?to=yesterday").then().statusCode(400).extract().asString()
                .contains("id=\"to-error\""));
        assertTrue(operator.get().get("/console/ledger?tenant=acme").then().statusCode(400).extract().asString()
                .contains("id=\"tenant-error\" role=\"alert\">Enter a tenant&#39;s id"));
        assertTrue(operator.get().get("/console/ledger?tenant=" + UUID.randomUUID()).then().statusCode(400).extract()
                .asString().contains("id=\"tenant-error\" role=\"alert\">No tenant has this id."));
        assertTrue(operator.get().get("/console/ledger?provider=nope").then().statusCode(400).extract().asString()
                .contains("id=\"provider-error\""));
        assertTrue(operator.get().get("/console/ledger?kind=refund").then().statusCode(400).extract().asString()
                .contains("id=\"kind-error\""));

        // the export of a filter the page refuses leads to the page, which says why
        operator.get().get("/console/ledger.csv?from=2025-13-01").then().statusCode(303)
                .header("Location", endsWith("/console/ledger?from=2025-13-01"));
    }

    @Test
    void withoutASessionThePagesAreTheLoginPage() {
        io.restassured.RestAssured.given().redirects().follow(false).get("/console/ledger").then().statusCode(303)
                .header("Location", endsWith("/console/login"));
        io.restassured.RestAssured.given().redirects().follow(false).get("/console/ledger.csv").then().statusCode(303)
                .header("Location", endsWith("/console/login"));
    }
}
