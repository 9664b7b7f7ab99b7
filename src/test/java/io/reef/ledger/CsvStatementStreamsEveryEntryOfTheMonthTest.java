package io.reef.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.common.Money;
import io.reef.support.Api;
import io.restassured.response.Response;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CSV statement: its summary, then every ledger entry of the month exactly once, in order,
 * across several of the reader's pages (entries sharing a timestamp at the page edges), with
 * prices adding up to the summary's total and to the ledger; text cells that could start a
 * spreadsheet formula are neutralised; the tenant's CSV carries no cost.
 */
@QuarkusTest
class CsvStatementStreamsEveryEntryOfTheMonthTest {

    static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");
    static final int ENTRIES = 2 * LedgerLines.PAGE + 1_234;

    @Inject
    StatementFixtures fx;

    @Test
    void everyEntryOfTheMonthIsOneRowAndThePricesAddUpToTheLedger() {
        String id = Api.createTenant(Map.of("name", "Bulk", "quota", Map.of("limit_usd", 1000, "period", "month")));
        String key = Api.issueKey(id);
        fx.manyCharges(id, ENTRIES, APRIL);
        fx.charge(id, "charge", "sharkai", "outside", 1, 1, MAY); // the next month
        fx.charge(id, "charge", "sharkai", "outside", 1, 1, APRIL.minusNanos(1_000)); // the month before

        Response response = admin().accept("text/csv").get("/reef/admin/v1/tenants/" + id + "/statement?month=2026-04");
        response.then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"reef-statement-" + id + "-2026-04.csv\"");
        Csv csv = Csv.parse(response.asString());

        assertEquals(id, csv.summary.get("tenant_id"));
        assertEquals("2026-04", csv.summary.get("month"));
        assertEquals("true", csv.summary.get("complete"));
        List<String> header = csv.sections.get(3).get(0);
        assertEquals(List.of("entry_id", "created_at", "job_id", "provider", "model", "price_usd", "cost_usd"), header);
        List<List<String>> entries = csv.sections.get(3).subList(1, csv.sections.get(3).size());
        assertEquals(ENTRIES, entries.size());
        assertEquals(fx.entriesBetween(id, APRIL, MAY), entries.size());
        assertEquals(ENTRIES, new HashSet<>(entries.stream().map(r -> r.get(0)).toList()).size(), "no entry twice");
        long sum = 0;
        String previous = null;
        for (List<String> row : entries) {
            sum += Money.usdToMicros(new BigDecimal(row.get(5)));
            String order = Instant.parse(row.get(1)) + "/" + String.format("%020d", Long.parseLong(row.get(0)));
            assertTrue(previous == null || previous.compareTo(order) < 0, "in (created_at, id) order");
            previous = order;
            assertEquals("bulk-model", row.get(4));
        }
        long expected = (long) ENTRIES * 1_000 + (long) ENTRIES * (ENTRIES + 1) / 2;
        assertEquals(expected, sum);
        assertEquals(fx.chargedBetween(id, APRIL, MAY), sum);
        assertEquals(sum, Money.usdToMicros(new BigDecimal(csv.summary.get("total_charges_usd"))));
        assertEquals(String.valueOf(ENTRIES), csv.summary.get("charges_count"));
        assertEquals(-sum - 1, Money.usdToMicros(new BigDecimal(csv.summary.get("closing_balance_usd"))));

        // the tenant's own CSV: the same entries at its price, no cost anywhere
        Csv own = Csv.parse(tenant(key).accept("text/csv").get("/reef/v1/me/statement?month=2026-04")
                .then().statusCode(200).extract().asString());
        assertEquals(List.of("entry_id", "created_at", "job_id", "provider", "model", "price_usd"),
                own.sections.get(3).get(0));
        assertEquals(ENTRIES + 1, own.sections.get(3).size());
        assertEquals(List.of("provider", "model", "count", "price_usd"), own.sections.get(2).get(0));
        assertTrue(!own.summary.containsKey("total_cost_usd") && !own.summary.containsKey("total_margin_usd"));
    }

    @Test
    void textCellsThatCouldStartAFormulaAreNeutralised() {
        String id = Api.createTenant(Map.of("name", "@SUM(A1:A9)", "quota", Map.of("limit_usd", 10, "period", "month")));
        Api.issueKey(id);
        fx.charge(id, "charge", "sharkai", "=HYPERLINK(\"http://x\")", 1_000, 1_000, Instant.parse("2026-04-02T00:00:00Z"));
        fx.credit(id, 1_000_000, "+grant", "-not a formula", null, Instant.parse("2026-04-03T00:00:00Z"));
        String body = admin().accept("text/csv").get("/reef/admin/v1/tenants/" + id + "/statement?month=2026-04")
                .then().statusCode(200).extract().asString();
        assertTrue(body.contains("\r\ntenant_name,\"'@SUM(A1:A9)\"\r\n"), body);
        assertTrue(body.contains(",\"'+grant\",\"'-not a formula\",1,"), body);
        assertTrue(body.contains("\r\nsharkai,\"'=HYPERLINK(\"\"http://x\"\")\",1,0.001,"), body);
        assertTrue(body.contains(",sharkai,\"'=HYPERLINK(\"\"http://x\"\")\",0.001,0.001\r\n"), body);
    }

    /** The statement CSV: a summary section of field,value rows, then sections with a header row each. */
    record Csv(Map<String, String> summary, List<List<List<String>>> sections) {

        static Csv parse(String body) {
            List<List<List<String>>> sections = new ArrayList<>();
            for (String block : body.split("\r\n\r\n", -1)) {
                List<List<String>> rows = new ArrayList<>();
                for (String line : block.split("\r\n")) {
                    if (!line.isEmpty()) {
                        rows.add(Arrays.asList(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)));
                    }
                }
                sections.add(rows);
            }
            Map<String, String> summary = new LinkedHashMap<>();
            for (List<String> row : sections.get(0)) {
                summary.put(row.get(0), row.get(1));
            }
            return new Csv(summary, sections);
        }
    }
}
