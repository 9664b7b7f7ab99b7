package io.reef.event;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.WebhookReceiver;
import io.reef.support.Webhooks;
import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tenant.balance.low: a prepaid tenant's available balance falling below its level fires once;
 * further charges while it stays low fire nothing; a top-up above the level re-arms it, and the
 * next fall fires again. (The tenant's credit columns are set with SQL here: the credit API is
 * another part of the issue. Spend that the charge itself adds to the lifetime total only makes
 * the balance lower, so the test holds with and without it.)
 */
@QuarkusTest
class LowBalanceFiresOncePerCrossingTest {

    private static final String LOW = "tenant.balance.low";

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    BalanceEvents balanceEvents;

    WebhookReceiver receiver;
    Webhooks.Registered webhook;

    @BeforeEach
    void start() {
        simulator.reset();
        receiver = WebhookReceiver.startOnFreePort();
        webhook = Webhooks.register(receiver.url(), LOW);
    }

    @AfterEach
    void stop() {
        Webhooks.delete(webhook);
        receiver.close();
    }

    @Test
    void firesOncePerCrossingAndAgainAfterATopUpAndANewFall() {
        var t = Api.newTenant("100", "month");
        // prepaid, $1.00 granted, $0.52 already spent: $0.48 available, alert below $0.50
        db.update("UPDATE tenant SET billing_mode = 'prepaid', granted_micros = 1000000, lifetime_spent_micros = 520000, "
                + "low_balance_micros = 500000 WHERE id = CAST(?1 AS uuid)", t.id());
        Webhooks.chargeOneCent(t, 8081, db, 1);
        assertEquals(1, lowEvents(t.id()));
        Webhooks.chargeOneCent(t, 8081, db, 2);
        Webhooks.chargeOneCent(t, 8081, db, 3);
        assertEquals(1, lowEvents(t.id()), "still low: no new event");
        JsonPath event = Webhooks.events(LOW, t.id());
        assertEquals("0.5", event.getString("[0].data.low_balance_usd"));
        assertTrue(event.getDouble("[0].data.available_usd") < 0.5);
        assertEquals(t.id(), event.getString("[0].data.tenant_id"));

        // a top-up of $1.00: the grant's transaction calls the hook, which re-arms the alert
        db.update("UPDATE tenant SET granted_micros = granted_micros + 1000000 WHERE id = CAST(?1 AS uuid)", t.id());
        QuarkusTransaction.requiringNew().run(() -> balanceEvents.afterCredit(UUID.fromString(t.id()), Instant.now()));
        assertEquals(false, db.value("SELECT low_balance_alerted FROM tenant WHERE id = CAST(?1 AS uuid)", t.id()));
        Webhooks.chargeOneCent(t, 8081, db, 4);
        assertEquals(1, lowEvents(t.id()), "above the level again: nothing");

        // spending takes it below again: a second event
        db.update("UPDATE tenant SET lifetime_spent_micros = lifetime_spent_micros + 1000000 WHERE id = CAST(?1 AS uuid)",
                t.id());
        Webhooks.chargeOneCent(t, 8081, db, 5);
        assertEquals(2, lowEvents(t.id()));
        Eventually.until("both reach the receiver", Duration.ofSeconds(10),
                () -> receiver.receivedContaining(t.id()).size() == 2);
    }

    @Test
    void aCorrectionThatTakesTheBalanceBelowTheLevelFiresFromTheCreditHook() {
        var t = Api.newTenant("100", "month");
        db.update("UPDATE tenant SET billing_mode = 'prepaid', granted_micros = 1000000, low_balance_micros = 500000 "
                + "WHERE id = CAST(?1 AS uuid)", t.id());
        db.update("UPDATE tenant SET granted_micros = 400000 WHERE id = CAST(?1 AS uuid)", t.id()); // a -$0.60 correction
        QuarkusTransaction.requiringNew().run(() -> balanceEvents.afterCredit(UUID.fromString(t.id()), Instant.now()));
        assertEquals(1, lowEvents(t.id()));
        QuarkusTransaction.requiringNew().run(() -> balanceEvents.afterCredit(UUID.fromString(t.id()), Instant.now()));
        assertEquals(1, lowEvents(t.id()));
    }

    @Test
    void aPostpaidTenantNeverGetsIt() {
        var t = Api.newTenant("100", "month");
        db.update("UPDATE tenant SET low_balance_micros = 500000 WHERE id = CAST(?1 AS uuid)", t.id());
        Webhooks.chargeOneCent(t, 8081, db, 1);
        assertEquals(0, lowEvents(t.id()));
    }

    private static int lowEvents(String tenantId) {
        return Webhooks.events(LOW, tenantId).getList("$").size();
    }
}
