package io.reef.console;

import java.time.YearMonth;
import java.time.ZoneOffset;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal's statements are the tenant API's: its CSV and printable forms are byte for byte what
 * {@code GET /reef/v1/me/statement} answers the tenant's key, served with the session cookie; the
 * month's page shows the charges in money and nothing of the reseller's cost; the months are listed
 * twelve a page back to the tenant's first; a month that is no statement is the portal's 404 page.
 */
@QuarkusTest
class PortalStatementsAreTheApisStatementsTest {

    private static final Pattern MONTH_ROW = Pattern.compile("<tr data-month=\"([^\"]+)\">");

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    JobCharges charges;

    @Test
    void theCsvAndPrintableFormsOfAClosedMonthAreByteForByteTheApis() {
        Api.TestTenant t = Api.newTenant("10", "month");
        YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        String model = "portal-closed-" + System.nanoTime();
        db.seedCharge(t.id(), "sharkapi", model, 10_000, 15_000, last.atDay(10).atStartOfDay(ZoneOffset.UTC).toInstant());
        db.seedCharge(t.id(), "sharkapi", model, 20_000, 30_000, last.atDay(11).atStartOfDay(ZoneOffset.UTC).toInstant());
        WebSessions.Signed session = WebSessions.tenant(t.key());
        String month = last.toString();

        Response api = Api.tenant(t.key()).accept("text/csv").get("/reef/v1/me/statement?month=" + month);
        Response csv = session.get().get("/portal/statements/" + month + ".csv");
        assertEquals(200, csv.statusCode());
        assertArrayEquals(api.asByteArray(), csv.asByteArray(), "the portal's CSV is the API's");
        assertEquals(api.contentType(), csv.contentType());
        assertEquals(api.header("Content-Disposition"), csv.header("Content-Disposition"));
        assertTrue(csv.asString().contains("sharkapi," + model + ",2,0.045"), csv.asString());

        Response apiHtml = Api.tenant(t.key()).accept("text/html").get("/reef/v1/me/statement?month=" + month);
        Response printable = session.get().get("/portal/statements/" + month + "/print");
        assertEquals(200, printable.statusCode());
        assertEquals(apiHtml.asString(), printable.asString(), "the printable statement is the API's");
        assertEquals(List.of(apiHtml.header("Content-Security-Policy")),
                printable.headers().getValues("Content-Security-Policy"), "one policy: the printable page's own");

        String page = session.get().get("/portal/statements/" + month).then().statusCode(200).extract().asString();
        assertTrue(page.contains("<td class=\"num price\">$0.05</td>"), "$0.045 shown as money: " + page);
        assertTrue(page.contains("<td class=\"num count\">2</td>"), page);
    }

    @Test
    void thisMonthsPageShowsTheChargeAsMoneyAndNothingOfTheResellers() {
        String id = Api.createTenant(java.util.Map.of("name", "Statement & Sons", "markup_percent", 50, "quota",
                java.util.Map.of("limit_usd", 10, "period", "month")));
        Api.TestTenant t = new Api.TestTenant(id, Api.issueKey(id));
        PortalGenerations.Charged job = PortalGenerations.run(simulator, db, charges, t, "portal-statement", "1234");
        assertTrue(job.charge().priceMicros() > job.charge().costMicros(), "a markup: price and cost differ");
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        WebSessions.Signed session = WebSessions.tenant(t.key());

        String page = session.get().get("/portal/statements/" + month).then().statusCode(200).extract().asString();
        String price = Format.money(job.charge().priceMicros());
        assertTrue(page.contains("<td class=\"num price\">" + price + "</td>"), page);
        assertTrue(page.contains("<td class=\"model\">" + job.model() + "</td>"), page);
        assertTrue(page.contains("<dd class=\"total-charges\">" + price + "</dd>"), page);
        assertTrue(page.contains("href=\"/portal/statements/" + month + ".csv\""), page);
        assertTrue(page.contains("href=\"/portal/statements/" + month + "/print\""), page);
        assertTrue(page.contains("the month is not over"), page);
        assertFalse(page.contains(Format.money(job.charge().costMicros())), "no upstream cost");
        assertFalse(page.toLowerCase(java.util.Locale.ROOT).contains("margin"), "no margin");
        String csv = session.get().get("/portal/statements/" + month + ".csv").asString();
        assertTrue(csv.contains(job.model()), csv);
        assertFalse(csv.contains("cost_usd"), "the tenant's CSV has no cost column");
    }

    @Test
    void aMonthThatIsNoStatementIsThePortals404Page() {
        Api.TestTenant t = Api.newTenant("10", "month");
        WebSessions.Signed session = WebSessions.tenant(t.key());
        String future = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
        for (String month : List.of("2026-13", "1999-12", future, "junk", "2026-1")) {
            for (String path : List.of("/portal/statements/" + month, "/portal/statements/" + month + ".csv",
                    "/portal/statements/" + month + "/print")) {
                Response r = session.get().get(path);
                assertEquals(404, r.statusCode(), path);
                assertTrue(r.contentType().startsWith("text/html"), path + " " + r.contentType());
                assertTrue(r.asString().contains("There is no statement for this month"), path);
            }
        }
    }

    @Test
    void theMonthsAreListedTwelveAPageBackToTheTenantsFirst() {
        Api.TestTenant t = Api.newTenant("10", "month");
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        WebSessions.Signed session = WebSessions.tenant(t.key());
        String only = session.get().get("/portal/statements").then().statusCode(200).extract().asString();
        assertEquals(List.of(now.toString()), months(only), "a new tenant has this month only");
        assertFalse(only.contains("rel=\"next\""));

        db.update("UPDATE tenant SET created_at = created_at - interval '14 months' WHERE id = ?1",
                java.util.UUID.fromString(t.id()));
        String first = session.get().get("/portal/statements").asString();
        String second = session.get().get("/portal/statements?page=2").asString();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 14; i++) {
            expected.add(now.minusMonths(i).toString());
        }
        assertEquals(expected.subList(0, 12), months(first));
        assertEquals(expected.subList(12, 15), months(second));
        assertTrue(first.contains("href=\"/portal/statements?page=2\""), first);
        assertFalse(second.contains("rel=\"next\""), "nothing before the tenant's first month");
        assertEquals(List.of(), months(session.get().get("/portal/statements?page=3").asString()));
    }

    private static List<String> months(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = MONTH_ROW.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
