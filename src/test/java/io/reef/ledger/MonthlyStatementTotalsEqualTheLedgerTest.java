package io.reef.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.restassured.path.json.JsonPath;

import static io.reef.ledger.StatementFixtures.exact;
import static io.reef.ledger.StatementFixtures.micros;
import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A statement's balances and totals equal the ledger to the micro-dollar, computed here by separate
 * SQL and by hand: entries one micro-second either side of the month's boundaries, a late charge, a
 * correction, a grant that expires mid-month, one that expires exactly at the month's end, and one
 * that had expired before the month began.
 */
@QuarkusTest
class MonthlyStatementTotalsEqualTheLedgerTest {

    static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant LAST_MICRO_OF_JAN = Instant.parse("2026-01-31T23:59:59.999999Z");
    static final Instant LAST_MICRO_OF_FEB = Instant.parse("2026-02-28T23:59:59.999999Z");

    @Inject
    StatementFixtures fx;

    String tenantId;
    String key;

    @BeforeEach
    void seed() {
        tenantId = Api.createTenant(Map.of("name", "Statement Co", "quota", Map.of("limit_usd", 1000, "period", "month")));
        key = Api.issueKey(tenantId);
        fx.billingMode(tenantId, "prepaid");
        // charges: the last micro-second of January, February's first and last, a late charge, March's first
        fx.charge(tenantId, "charge", "sharkai", "model-a", 900_000, 1_000_001, LAST_MICRO_OF_JAN);
        fx.charge(tenantId, "charge", "sharkai", "model-a", 1_500_000, 2_000_003, FEB);
        fx.charge(tenantId, "charge", "sharkapi", "2k", 20_000, 24_000, Instant.parse("2026-02-14T08:00:00Z"));
        fx.charge(tenantId, "late_charge", "sharkai", "model-a", 40_000, 48_000, Instant.parse("2026-02-20T09:30:00Z"));
        fx.charge(tenantId, "charge", "sharkapi", "1k", 10_000, 12_000, LAST_MICRO_OF_FEB);
        fx.charge(tenantId, "charge", "sharkai", "model-a", 6_000_000, 7_000_000, MAR);
        // credit
        fx.credit(tenantId, 3_000_000, "jan-short", null, Instant.parse("2026-01-20T00:00:00Z"),
                Instant.parse("2026-01-10T00:00:00Z")); // expired before February
        fx.credit(tenantId, 10_000_000, "jan-grant", "January top-up", Instant.parse("2026-02-14T12:00:00Z"),
                Instant.parse("2026-01-15T00:00:00Z")); // counts at the opening, expires mid-February
        fx.credit(tenantId, 1_000_000, "jan-last", null, null, LAST_MICRO_OF_JAN);
        fx.credit(tenantId, 5_000_000, "feb-first", null, null, FEB);
        fx.credit(tenantId, -500_000, "feb-correction", "refund of a duplicate grant", null,
                Instant.parse("2026-02-20T10:00:00Z"));
        fx.credit(tenantId, 2_000_000, "feb-late", null, Instant.parse("2026-03-10T00:00:00Z"),
                Instant.parse("2026-02-25T00:00:00Z")); // still counts at the close
        fx.credit(tenantId, 4_000_000, "feb-ends-with-month", null, MAR, Instant.parse("2026-02-26T00:00:00Z"));
        fx.credit(tenantId, 100_000_000, "mar-first", null, null, MAR);
    }

    @Test
    void februaryBalancesAndTotalsEqualTheLedgerToTheMicroDollar() {
        JsonPath s = exact(admin().get("/reef/admin/v1/tenants/" + tenantId + "/statement?month=2026-02")
                .then().statusCode(200).extract().asString());

        assertEquals(tenantId, s.getString("tenant.id"));
        assertEquals("Statement Co", s.getString("tenant.name"));
        assertEquals("2026-02", s.getString("month"));
        assertEquals("2026-02-01T00:00:00Z", s.getString("from"));
        assertEquals("2026-03-01T00:00:00Z", s.getString("to"));
        assertEquals(true, s.getBoolean("complete"));
        assertEquals("prepaid", s.getString("billing_mode"));

        // by hand: 10 + 1 counting at the opening, minus the January charge
        assertEquals(9_999_999, micros(s, "opening_balance_usd"));
        assertEquals(10_500_000, micros(s, "credits_usd")); // 5 - 0.5 + 2 + 4
        assertEquals(14_000_000, micros(s, "expired_credit_usd")); // 10 mid-month + 4 at the month's end
        assertEquals(4, s.getInt("charges_count"));
        assertEquals(2_084_003, micros(s, "total_charges_usd"));
        assertEquals(1_570_000, micros(s, "total_cost_usd"));
        assertEquals(514_003, micros(s, "total_margin_usd"));
        assertEquals(4_415_996, micros(s, "closing_balance_usd"));

        // by independent SQL over the same tables
        assertEquals(fx.balanceAt(tenantId, FEB), micros(s, "opening_balance_usd"));
        assertEquals(fx.balanceAt(tenantId, MAR), micros(s, "closing_balance_usd"));
        assertEquals(fx.chargedBetween(tenantId, FEB, MAR), micros(s, "total_charges_usd"));
        assertEquals(fx.creditedBetween(tenantId, FEB, MAR), micros(s, "credits_usd"));
        assertEquals(fx.entriesBetween(tenantId, FEB, MAR), s.getLong("charges_count"));
        assertEquals(micros(s, "closing_balance_usd"), micros(s, "opening_balance_usd") + micros(s, "credits_usd")
                - micros(s, "expired_credit_usd") - micros(s, "total_charges_usd"));

        // by provider and model, the late charge with the charges
        assertEquals(List.of("sharkai/model-a", "sharkapi/1k", "sharkapi/2k"),
                s.getList("charges", Map.class).stream().map(c -> c.get("provider") + "/" + c.get("model")).toList());
        assertEquals(2, s.getInt("charges[0].count"));
        assertEquals(2_048_003, micros(s, "charges[0].price_usd"));
        assertEquals(1_540_000, micros(s, "charges[0].cost_usd"));
        assertEquals(508_003, micros(s, "charges[0].margin_usd"));
        assertEquals(12_000, micros(s, "charges[1].price_usd"));
        assertEquals(24_000, micros(s, "charges[2].price_usd"));

        // every credit entry written in February, in order, with its note and expiry
        assertEquals(List.of("feb-first", "feb-correction", "feb-late", "feb-ends-with-month"),
                s.getList("credits.reference"));
        assertEquals("2026-02-01T00:00:00Z", s.getString("credits[0].created_at"));
        assertEquals(-500_000, micros(s, "credits[1].amount_usd"));
        assertEquals("refund of a duplicate grant", s.getString("credits[1].note"));
        assertEquals("2026-03-10T00:00:00Z", s.getString("credits[2].expires_at"));
        assertNull(s.get("credits[0].expires_at"));
    }

    @Test
    void theTenantSeesTheSameBalancesAtItsPriceWithoutCostOrMargin() {
        JsonPath operator = exact(admin().get("/reef/admin/v1/tenants/" + tenantId + "/statement?month=2026-02")
                .then().statusCode(200).extract().asString());
        JsonPath own = exact(tenant(key).get("/reef/v1/me/statement?month=2026-02")
                .then().statusCode(200).extract().asString());
        for (String field : List.of("opening_balance_usd", "credits_usd", "expired_credit_usd", "total_charges_usd",
                "closing_balance_usd", "charges[0].price_usd", "charges[2].price_usd")) {
            assertEquals(micros(operator, field), micros(own, field), field);
        }
        assertNull(own.get("total_cost_usd"));
        assertNull(own.get("total_margin_usd"));
        assertNull(own.get("charges[0].cost_usd"));
        assertNull(own.get("charges[0].margin_usd"));
    }

    @Test
    void eachMonthOpensWithThePreviousMonthsClosingBalance() {
        long janClosing = micros(statement("2026-01"), "closing_balance_usd");
        JsonPath feb = statement("2026-02");
        JsonPath mar = statement("2026-03");
        assertEquals(janClosing, micros(feb, "opening_balance_usd"));
        assertEquals(micros(feb, "closing_balance_usd"), micros(mar, "opening_balance_usd"));
        // January: 3 granted and expired within it, 10 + 1 granted, one charge at its last micro-second
        JsonPath jan = statement("2026-01");
        assertEquals(0, micros(jan, "opening_balance_usd"));
        assertEquals(14_000_000, micros(jan, "credits_usd"));
        assertEquals(3_000_000, micros(jan, "expired_credit_usd"));
        assertEquals(1_000_001, micros(jan, "total_charges_usd"));
        assertEquals(1, jan.getInt("charges_count"));
        // March: its first micro-second's charge and grant, and February's late grant expiring in it
        assertEquals(100_000_000, micros(mar, "credits_usd"));
        assertEquals(2_000_000, micros(mar, "expired_credit_usd"));
        assertEquals(7_000_000, micros(mar, "total_charges_usd"));
        assertEquals(fx.balanceAt(tenantId, Instant.parse("2026-04-01T00:00:00Z")), micros(mar, "closing_balance_usd"));
    }

    @Test
    void aMonthWithoutActivityIsAStatementOfZeros() {
        String quiet = Api.createTenant(Map.of("name", "Quiet", "quota", Map.of("limit_usd", 10, "period", "month")));
        JsonPath s = exact(admin().get("/reef/admin/v1/tenants/" + quiet + "/statement?month=2025-06")
                .then().statusCode(200).extract().asString());
        assertEquals("postpaid", s.getString("billing_mode"));
        assertTrue(s.getBoolean("complete"));
        for (String field : List.of("opening_balance_usd", "credits_usd", "expired_credit_usd", "total_charges_usd",
                "total_cost_usd", "total_margin_usd", "closing_balance_usd")) {
            assertEquals(0, micros(s, field), field);
        }
        assertEquals(0, s.getInt("charges_count"));
        assertEquals(List.of(), s.getList("charges"));
        assertEquals(List.of(), s.getList("credits"));
    }

    @Test
    void aPostpaidTenantsBalanceIsCreditMinusChargesAndUsuallyNegative() {
        String postpaid = Api.createTenant(Map.of("name", "Postpaid", "quota", Map.of("limit_usd", 10, "period", "month")));
        Api.issueKey(postpaid);
        fx.charge(postpaid, "charge", "sharkai", "model-a", 100_000, 120_000, Instant.parse("2026-02-03T00:00:00Z"));
        fx.charge(postpaid, "charge", "sharkai", "model-a", 100_000, 130_000, Instant.parse("2026-02-04T00:00:00Z"));
        JsonPath s = exact(admin().get("/reef/admin/v1/tenants/" + postpaid + "/statement?month=2026-02")
                .then().statusCode(200).extract().asString());
        assertEquals("postpaid", s.getString("billing_mode"));
        assertEquals(0, micros(s, "opening_balance_usd"));
        assertEquals(250_000, micros(s, "total_charges_usd"));
        assertEquals(-250_000, micros(s, "closing_balance_usd"));
    }

    @Test
    void theCurrentMonthRunsToNowAndSaysItIsNotComplete() {
        Instant now = Instant.now();
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Instant monthStart = current.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant recent = now.minusSeconds(1).isBefore(monthStart) ? monthStart : now.minusSeconds(1);
        fx.charge(tenantId, "charge", "sharkai", "model-a", 10_000, 11_111, recent);

        JsonPath s = exact(tenant(key).get("/reef/v1/me/statement?month=" + current)
                .then().statusCode(200).extract().asString());
        assertFalse(s.getBoolean("complete"));
        assertEquals(monthStart.toString(), s.getString("from"));
        Instant to = Instant.parse(s.getString("to"));
        assertFalse(to.isBefore(now), "runs to the moment it was made");
        assertTrue(to.isBefore(now.plusSeconds(60)));
        assertEquals(11_111, micros(s, "total_charges_usd"));
        assertEquals(fx.balanceAt(tenantId, to), micros(s, "closing_balance_usd"));

        JsonPath previous = exact(tenant(key).get("/reef/v1/me/statement?month=" + current.minusMonths(1))
                .then().statusCode(200).extract().asString());
        assertTrue(previous.getBoolean("complete"));
        assertEquals(monthStart.toString(), previous.getString("to"));
    }

    private JsonPath statement(String month) {
        return exact(admin().get("/reef/admin/v1/tenants/" + tenantId + "/statement?month=" + month)
                .then().statusCode(200).extract().asString());
    }
}
