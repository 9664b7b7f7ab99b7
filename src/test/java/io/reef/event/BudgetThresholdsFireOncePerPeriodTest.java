package io.reef.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.common.ReefClock;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.WebhookReceiver;
import io.reef.support.Webhooks;
import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * tenant.budget.threshold: each of a tenant's thresholds fires once per period, in the charge's
 * transaction; spending past it again in the same period (after a raised limit) does not fire it
 * again; the next period does.
 */
@QuarkusTest
class BudgetThresholdsFireOncePerPeriodTest {

    private static final String THRESHOLD = "tenant.budget.threshold";

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    ReefClock clock;

    WebhookReceiver receiver;
    Webhooks.Registered webhook;

    @BeforeEach
    void start() {
        simulator.reset();
        clock.reset();
        receiver = WebhookReceiver.startOnFreePort();
        webhook = Webhooks.register(receiver.url(), THRESHOLD);
    }

    @AfterEach
    void stop() {
        clock.reset();
        Webhooks.delete(webhook);
        receiver.close();
    }

    @Test
    void eachThresholdFiresOncePerPeriod() {
        var t = Api.newTenant("0.04", "month"); // thresholds default to 50, 80, 100
        Webhooks.chargeOneCent(t, 8081, db, 1);
        assertEquals(List.of(), thresholds(t.id()), "25% crosses nothing");
        Webhooks.chargeOneCent(t, 8081, db, 2);
        assertEquals(List.of(50), thresholds(t.id()));
        Webhooks.chargeOneCent(t, 8081, db, 3);
        assertEquals(List.of(50), thresholds(t.id()), "75%: nothing new");
        Webhooks.chargeOneCent(t, 8081, db, 4);
        assertEquals(List.of(50, 80, 100), thresholds(t.id()));
        String firstPeriod = Webhooks.events(THRESHOLD, t.id()).getString("[0].data.period_start");

        // the limit doubles: $0.04 is 50% again, and 80% and 100% are crossed again in this period
        Api.admin().body(Map.of("quota", Map.of("limit_usd", 0.08, "period", "month")))
                .patch("/reef/admin/v1/tenants/" + t.id()).then().statusCode(200);
        for (int i = 5; i <= 8; i++) {
            Webhooks.chargeOneCent(t, 8081, db, i);
        }
        assertEquals(List.of(50, 80, 100), thresholds(t.id()), "once per period, however often it is crossed");

        clock.shift(Duration.ofDays(32)); // the next month
        Webhooks.chargeOneCent(t, 8081, db, 9);
        Webhooks.chargeOneCent(t, 8081, db, 10);
        Webhooks.chargeOneCent(t, 8081, db, 11);
        Webhooks.chargeOneCent(t, 8081, db, 12); // $0.04 of $0.08
        assertEquals(List.of(50, 50, 80, 100), thresholds(t.id()));
        JsonPath newest = Webhooks.events(THRESHOLD, t.id());
        assertNotEquals(firstPeriod, newest.getString("[0].data.period_start"));
        assertEquals("0.04", newest.getString("[0].data.spent_usd"));
        assertEquals("0.08", newest.getString("[0].data.limit_usd"));

        Eventually.until("every event reaches the receiver once", Duration.ofSeconds(10),
                () -> receiver.receivedContaining(t.id()).size() == 4);
    }

    @Test
    void aTenantsOwnThresholdsAreTheOnesThatFire() {
        var t = Api.newTenant("0.10", "month");
        db.update("UPDATE tenant SET alert_thresholds_percent = '{10,30}' WHERE id = CAST(?1 AS uuid)", t.id());
        Webhooks.chargeOneCent(t, 8081, db, 1);
        assertEquals(List.of(10), thresholds(t.id()));
        Webhooks.chargeOneCent(t, 8081, db, 2);
        Webhooks.chargeOneCent(t, 8081, db, 3);
        assertEquals(List.of(10, 30), thresholds(t.id()));
    }

    /** The thresholds fired for the tenant, sorted. */
    private static List<Integer> thresholds(String tenantId) {
        return Webhooks.events(THRESHOLD, tenantId).getList("data.threshold_percent", Integer.class).stream().sorted()
                .toList();
    }
}
