package io.reef.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.common.ReefClock;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.BillingDb;
import io.reef.support.Db;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Prepaid credit: grants and corrections, a prepaid tenant's admission against lifetime spend +
 * open holds + this hold <= unexpired credit (402 in the provider's envelope, nothing changed),
 * expiry, and the balance on /me.
 */
@QuarkusTest
class PrepaidCreditTest {

    static final String SHARKAI = "/api/v1/images/generations";
    static final String SHARKAPI = "/v1/generate";

    @Inject
    Simulator simulator;
    @Inject
    ReefClock clock;
    @Inject
    Db db;
    @Inject
    BillingDb billing;

    @BeforeEach
    void reset() {
        simulator.reset();
        // Shark AI: a $0.04 hold (400 credit), completed at once and charged 200 credit ($0.02)
        simulator.defaultBehaviour("sharkai", Behaviour.builder().immediate().credit(new BigDecimal("200")).build());
        simulator.defaultBehaviour("sharkapi", Behaviour.builder().pendingMillis(10_000).build());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aPrepaidTenantPastItsCreditGets402InEachProvidersEnvelopeAndNothingChanges() {
        var t = Api.newPrepaidTenant("0.04"); // two SharkAPI 2k jobs ($0.02 each)
        tenant(t.key()).body(Map.of("mode", "2k", "prompt", "a")).post(SHARKAPI).then().statusCode(202);
        tenant(t.key()).body(Map.of("mode", "2k", "prompt", "b")).post(SHARKAPI).then().statusCode(202);
        long submits = simulator.submits("sharkapi");
        tenant(t.key()).body(Map.of("mode", "2k", "prompt", "c")).post(SHARKAPI).then().statusCode(402)
                .body("error.type", equalTo("insufficient_quota"))
                .body("error.message", containsString("prepaid balance"));
        tenant(t.key()).body(Map.of("model", "m", "prompt", "d")).post(SHARKAI).then().statusCode(402)
                .body("error.type", equalTo("insufficient_quota"))
                .body("error.message", containsString("prepaid balance"));
        assertEquals(submits, simulator.submits("sharkapi"));
        assertEquals(0, simulator.submits("sharkai"));
        assertEquals(2, db.jobsForTenant(t.id()));
        tenant(t.key()).get("/reef/v1/me").then()
                .body("balance.mode", equalTo("prepaid"))
                .body("balance.granted_usd", equalTo(0.04f))
                .body("balance.spent_usd", equalTo(0))
                .body("balance.held_usd", equalTo(0.04f))
                .body("balance.available_usd", equalTo(0));
        assertEquals(40_000, billing.tenant(t.id()).heldMicros());
    }

    @Test
    void aPostpaidTenantIsNotCappedByCreditAndStillSeesItsBalance() {
        var t = Api.newTenant("10", "month");
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p")).post(SHARKAI).then().statusCode(200);
        tenant(t.key()).get("/reef/v1/me").then()
                .body("balance.mode", equalTo("postpaid"))
                .body("balance.granted_usd", equalTo(0))
                .body("balance.spent_usd", equalTo(0.02f))
                .body("balance.held_usd", equalTo(0))
                .body("balance.available_usd", equalTo(-0.02f));
    }

    @Test
    void aGrantStopsCountingAtItsExpiryWithItsWholeAmount() {
        var t = Api.newPrepaidTenant("0.03");
        String expiry = clock.now().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        grant(t.id(), Map.of("amount_usd", 0.04, "reference", "expiring", "expires_at", expiry)).statusCode(201)
                .body("expires_at", equalTo(expiry)).body("expired", equalTo(false));
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p")).post(SHARKAI).then().statusCode(200); // $0.02
        tenant(t.key()).get("/reef/v1/me").then()
                .body("balance.granted_usd", equalTo(0.07f)).body("balance.available_usd", equalTo(0.05f));

        clock.shift(Duration.ofMinutes(11));
        tenant(t.key()).get("/reef/v1/me").then()
                .body("balance.granted_usd", equalTo(0.03f))
                .body("balance.spent_usd", equalTo(0.02f))
                .body("balance.available_usd", equalTo(0.01f));
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p")).post(SHARKAI).then().statusCode(402)
                .body("error.message", containsString("prepaid balance"));
        assertEquals(1, db.jobsForTenant(t.id()));
        admin().get("/reef/admin/v1/tenants/" + t.id() + "/credits").then()
                .body("credits[0].reference", equalTo("expiring")).body("credits[0].expired", equalTo(true));
        Api.grant(t.id(), "0.03"); // a top-up after the expiry counts at once
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p")).post(SHARKAI).then().statusCode(200);
    }

    @Test
    void aRepeatedReferenceIs409AndChangesNothing() {
        var t = Api.newPrepaidTenant("1");
        grant(t.id(), Map.of("amount_usd", 2, "reference", "invoice-7")).statusCode(201)
                .body("amount_usd", equalTo(2)).body("kind", equalTo("grant"));
        grant(t.id(), Map.of("amount_usd", 5, "reference", "invoice-7")).statusCode(409)
                .body("error.type", equalTo("conflict_error"));
        assertEquals(3_000_000, billing.grantedMicros(t.id()));
        assertEquals(2, billing.creditEntries(t.id()));
    }

    @Test
    void aCorrectionLowersTheBalance() {
        var t = Api.newPrepaidTenant("1");
        grant(t.id(), Map.of("amount_usd", -0.25, "reference", "fix-1", "note", "double top-up\non invoice 8"))
                .statusCode(201).body("kind", equalTo("correction")).body("amount_usd", equalTo(-0.25f))
                .body("note", equalTo("double top-up\non invoice 8")).body("expires_at", nullValue());
        tenant(t.key()).get("/reef/v1/me").then().body("balance.granted_usd", equalTo(0.75f));
        assertEquals(billing.sumOfCreditEntries(t.id()), billing.grantedMicros(t.id()));
    }

    @Test
    void creditsAreListedNewestFirstInPages() {
        var t = Api.newPrepaidTenant("1");
        grant(t.id(), Map.of("amount_usd", 2, "reference", "second")).statusCode(201);
        grant(t.id(), Map.of("amount_usd", 3, "reference", "third")).statusCode(201);
        var first = admin().get("/reef/admin/v1/tenants/" + t.id() + "/credits?limit=2").then().statusCode(200)
                .body("credits.reference", contains("third", "second")).extract().jsonPath();
        admin().get("/reef/admin/v1/tenants/" + t.id() + "/credits?limit=2&before=" + first.getLong("next_before"))
                .then().body("credits", hasSize(1)).body("credits[0].amount_usd", equalTo(1))
                .body("next_before", nullValue());
        admin().get("/reef/admin/v1/tenants/00000000-0000-0000-0000-000000000000/credits").then().statusCode(404);
    }

    @Test
    void badCreditBodiesAre400AndChangeNothing() {
        var t = Api.newPrepaidTenant("1");
        String future = clock.now().plus(Duration.ofDays(1)).toString();
        String past = clock.now().minus(Duration.ofMinutes(1)).toString();
        List<Map<String, Object>> bad = List.of(
                Map.of("reference", "r"), // no amount
                Map.of("amount_usd", 0, "reference", "r"),
                Map.of("amount_usd", "5", "reference", "r"),
                Map.of("amount_usd", 0.0000001, "reference", "r"),
                Map.of("amount_usd", 1), // no reference
                Map.of("amount_usd", 1, "reference", ""),
                Map.of("amount_usd", 1, "reference", 7),
                Map.of("amount_usd", 1, "reference", "a\u0007b"),
                Map.of("amount_usd", 1, "reference", "x".repeat(201)),
                Map.of("amount_usd", -1, "reference", "r"), // correction without a note
                Map.of("amount_usd", -1, "reference", "r", "note", " "),
                Map.of("amount_usd", -1, "reference", "r", "note", "why", "expires_at", future),
                Map.of("amount_usd", 1, "reference", "r", "expires_at", past),
                Map.of("amount_usd", 1, "reference", "r", "expires_at", "tomorrow"),
                Map.of("amount_usd", 1, "reference", "r", "note", "n".repeat(1001)));
        for (Map<String, Object> body : bad) {
            grant(t.id(), body).statusCode(400).body("error.type", equalTo("invalid_request_error"));
        }
        assertEquals(1, billing.creditEntries(t.id()));
        assertEquals(1_000_000, billing.grantedMicros(t.id()));
    }

    @Test
    void tenantsShowAndChangeTheirBillingSettings() {
        String id = Api.createTenant("billing", "10", "month");
        admin().get("/reef/admin/v1/tenants/" + id).then()
                .body("billing_mode", equalTo("postpaid"))
                .body("alert_thresholds_percent", contains(50, 80, 100))
                .body("low_balance_usd", nullValue())
                .body("allowed_models", nullValue())
                .body("balance.mode", equalTo("postpaid"));
        admin().body(Map.of("billing_mode", "prepaid", "alert_thresholds_percent", List.of(90, 25),
                "low_balance_usd", 1.5, "allowed_models", List.of("1k", "openai/gpt-image-2")))
                .patch("/reef/admin/v1/tenants/" + id).then().statusCode(200)
                .body("billing_mode", equalTo("prepaid"))
                .body("alert_thresholds_percent", contains(25, 90))
                .body("low_balance_usd", equalTo(1.5f))
                .body("allowed_models", contains("1k", "openai/gpt-image-2"))
                .body("balance.mode", equalTo("prepaid"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("allowed_models", null);
        clear.put("low_balance_usd", null);
        admin().body(clear).patch("/reef/admin/v1/tenants/" + id).then().statusCode(200)
                .body("allowed_models", nullValue()).body("low_balance_usd", nullValue())
                .body("billing_mode", equalTo("prepaid"));
    }

    @Test
    void badTenantBillingFieldsAre400AndChangeNothing() {
        String id = Api.createTenant("billing-bad", "10", "month");
        List<Map<String, Object>> bad = List.of(
                Map.of("billing_mode", "credit"),
                Map.of("billing_mode", 1),
                Map.of("alert_thresholds_percent", List.of(0)),
                Map.of("alert_thresholds_percent", List.of(1001)),
                Map.of("alert_thresholds_percent", List.of(50.5)),
                Map.of("alert_thresholds_percent", 50),
                Map.of("low_balance_usd", -1),
                Map.of("low_balance_usd", "1"),
                Map.of("allowed_models", "1k"),
                Map.of("allowed_models", List.of(1)),
                Map.of("allowed_models", List.of("bad model")));
        for (Map<String, Object> body : bad) {
            admin().body(body).patch("/reef/admin/v1/tenants/" + id).then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"));
            Map<String, Object> create = new HashMap<>(body);
            create.put("name", "x");
            create.put("quota", Map.of("limit_usd", 1, "period", "day"));
            admin().body(create).post("/reef/admin/v1/tenants").then().statusCode(400);
        }
        admin().get("/reef/admin/v1/tenants/" + id).then()
                .body("billing_mode", equalTo("postpaid"))
                .body("alert_thresholds_percent", contains(50, 80, 100))
                .body("low_balance_usd", nullValue())
                .body("allowed_models", nullValue());
    }

    private static io.restassured.response.ValidatableResponse grant(String tenantId, Map<String, Object> body) {
        return admin().body(body).post("/reef/admin/v1/tenants/" + tenantId + "/credits").then();
    }
}
