package io.reef.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Db;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class UsageAndStatementTest {

    static final Instant D1 = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant D2 = Instant.parse("2026-03-03T23:59:59Z");
    static final Instant D3 = Instant.parse("2026-03-05T00:00:00Z");

    @Inject
    Db db;

    String tenantId;
    String key;

    @BeforeEach
    void seedLedger() {
        tenantId = Api.createTenant(Map.of("name", "Acme, \"Inc\"", "quota", Map.of("limit_usd", 100, "period", "total")));
        key = Api.issueKey(tenantId);
        db.seedCharge(tenantId, "sharkai", "openai/gpt-image-2", 40_000, 48_000, D1);
        db.seedCharge(tenantId, "sharkai", "openai/gpt-image-2", 40_000, 48_000, D2);
        db.seedCharge(tenantId, "sharkai", "flux", 12_345, 14_814, D2);
        db.seedCharge(tenantId, "sharkapi", "2k", 20_000, 24_000, D3);
        db.seedCharge(tenantId, "sharkapi", "1k", 10_000, 12_000, Instant.parse("2026-04-01T00:00:00Z")); // outside
    }

    @Test
    void tenantUsageGroupsByDayModelAndProviderAtItsOwnPrice() {
        tenant(key).get("/reef/v1/me/usage?from=2026-03-01&to=2026-04-01&group_by=day").then().statusCode(200)
                .body("group_by", equalTo("day"))
                .body("from", equalTo("2026-03-01T00:00:00Z"))
                .body("rows", hasSize(3))
                .body("rows[0].key", equalTo("2026-03-02")).body("rows[0].jobs", equalTo(1))
                .body("rows[0].spent_usd", equalTo(0.048f))
                .body("rows[1].key", equalTo("2026-03-03")).body("rows[1].jobs", equalTo(2))
                .body("rows[1].spent_usd", equalTo(0.062814f))
                .body("rows[2].key", equalTo("2026-03-05")).body("rows[2].spent_usd", equalTo(0.024f))
                .body("rows[0].cost_usd", nullValue())
                .body("total.jobs", equalTo(4)).body("total.spent_usd", equalTo(0.134814f));
        tenant(key).get("/reef/v1/me/usage?from=2026-03-01&to=2026-04-01&group_by=model").then().statusCode(200)
                .body("rows.key", equalTo(List.of("2k", "flux", "openai/gpt-image-2")))
                .body("rows.provider", equalTo(List.of("sharkapi", "sharkai", "sharkai")))
                .body("rows[2].jobs", equalTo(2)).body("rows[2].spent_usd", equalTo(0.096f));
        tenant(key).get("/reef/v1/me/usage?from=2026-03-01T00:00:00Z&to=2026-03-05T00:00:00Z&group_by=provider")
                .then().statusCode(200)
                .body("rows", hasSize(1)).body("rows[0].key", equalTo("sharkai")).body("rows[0].jobs", equalTo(3));
    }

    @Test
    void operatorUsageShowsCostPriceAndMargin() {
        admin().get("/reef/admin/v1/tenants/" + tenantId + "/usage?from=2026-03-01&to=2026-04-01&group_by=provider")
                .then().statusCode(200)
                .body("rows[0].key", equalTo("sharkai"))
                .body("rows[0].spent_usd", equalTo(0.110814f))
                .body("rows[0].cost_usd", equalTo(0.092345f))
                .body("rows[0].margin_usd", equalTo(0.018469f))
                .body("total.margin_usd", equalTo(0.022469f));
    }

    @Test
    void badReportParametersAre400() {
        tenant(key).get("/reef/v1/me/usage?group_by=week").then().statusCode(400)
                .body("error.message", containsString("'group_by'"));
        tenant(key).get("/reef/v1/me/usage?from=yesterday").then().statusCode(400)
                .body("error.message", containsString("'from'"));
        tenant(key).get("/reef/v1/me/usage?from=2026-03-02&to=2026-03-01").then().statusCode(400);
        admin().get("/reef/admin/v1/ledger?limit=0").then().statusCode(400).body("error.message", containsString("'limit'"));
    }

    @Test
    void ledgerPagesWithACursorAndExportsACsvStatement() {
        String base = "/reef/admin/v1/ledger?tenant=" + tenantId + "&from=2026-03-01&to=2026-04-01";
        var first = admin().get(base + "&limit=3").then().statusCode(200)
                .body("entries", hasSize(3))
                .body("entries[0].model", equalTo("openai/gpt-image-2"))
                .body("entries[0].cost_usd", equalTo(0.04f))
                .body("entries[0].price_usd", equalTo(0.048f))
                .body("entries[0].margin_usd", equalTo(0.008f))
                .extract().jsonPath();
        String cursor = first.getString("next_cursor");
        admin().get(base + "&limit=3&cursor=" + cursor).then().statusCode(200)
                .body("entries", hasSize(1)).body("entries[0].model", equalTo("2k")).body("next_cursor", nullValue());

        String csv = admin().accept("text/csv").get(base).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(5, lines.length, csv);
        assertEquals("entry_id,created_at,tenant_id,tenant_name,job_id,provider,model,cost_usd,price_usd,margin_usd", lines[0]);
        String[] row = lines[3].split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        assertEquals("2026-03-03T23:59:59Z", row[1]);
        assertEquals(tenantId, row[2]);
        assertEquals("\"Acme, \"\"Inc\"\"\"", row[3]);
        assertEquals("sharkai", row[5]);
        assertEquals("flux", row[6]);
        assertEquals("0.012345", row[7]);
        assertEquals("0.014814", row[8]);
        assertEquals("0.002469", row[9]);
        tenant(key).accept("text/csv").get("/reef/admin/v1/ledger").then().statusCode(401);
    }
}
