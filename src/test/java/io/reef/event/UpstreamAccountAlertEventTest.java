package io.reef.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.LogCapture;
import io.reef.support.Management;
import io.reef.support.WebhookReceiver;
import io.reef.support.Webhooks;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * upstream.account.alert: a provider refusing the reseller's own account on submit raises the
 * event through the outbox, besides the existing log line and metric; a burst of refusals is one
 * event per provider and status per 10-minute window; the event never carries a key.
 */
@QuarkusTest
class UpstreamAccountAlertEventTest {

    private static final String ALERT = "upstream.account.alert";

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    WebhookReceiver receiver;
    Webhooks.Registered webhook;

    @BeforeEach
    void start() {
        simulator.reset();
        // earlier tests in this run may have raised alerts in the current window
        db.update("DELETE FROM event_delivery WHERE event_seq IN (SELECT seq FROM event WHERE type = ?1)", ALERT);
        db.update("DELETE FROM event WHERE type = ?1", ALERT);
        receiver = WebhookReceiver.startOnFreePort();
        webhook = Webhooks.register(receiver.url(), ALERT);
    }

    @AfterEach
    void stop() {
        Webhooks.delete(webhook);
        receiver.close();
    }

    @Test
    void aBurstOf402sOnSubmitIsOneEventAndTheLogLineAndMetricStay() {
        awayFromAWindowBoundary();
        var t = Api.newTenant("10", "month");
        try (LogCapture log = LogCapture.of("io.reef.provider")) {
            for (int i = 0; i < 5; i++) {
                simulator.injectFault("sharkapi", Operation.SUBMIT, 402, 1);
                tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p" + i)).post("/v1/generate").then().statusCode(503);
            }
            assertEquals(5, log.containing("OPERATOR ALERT", "sharkapi answered 402").size());
        }
        Management.management().get("/q/metrics").then()
                .body(containsString("reef_upstream_account_alerts_total{provider=\"sharkapi\",status=\"402\"}"));

        Eventually.until("the event is written", Duration.ofSeconds(5), () -> alerts().getList("$").size() == 1);
        simulator.injectFault("sharkapi", Operation.SUBMIT, 403, 1);
        tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post("/v1/generate").then().statusCode(503);
        Eventually.until("a 403 is another event", Duration.ofSeconds(5), () -> alerts().getList("$").size() == 2);

        JsonPath events = alerts();
        assertEquals(List.of(403, 402), events.getList("data.status", Integer.class));
        assertEquals(List.of("sharkapi", "sharkapi"), events.getList("data.provider"));
        Eventually.until("both reach the receiver", Duration.ofSeconds(10), () -> receiver.received().size() == 2);
        for (WebhookReceiver.Received r : receiver.received()) {
            assertFalse(r.body().contains("sk_live_test_sharkapi_upstream"), "never the reseller's key");
            assertEquals(ALERT, JsonPath.from(r.body()).getString("type"));
            assertFalse(JsonPath.from(r.body()).getString("data.message").isBlank());
        }
        assertEquals(2, alerts().getList("$").size(), "no more than one per provider and status");
    }

    private static JsonPath alerts() {
        return Webhooks.events(ALERT, null);
    }

    /** A fixed 10-minute window must not roll over in the middle of the burst. */
    private static void awayFromAWindowBoundary() {
        while (Instant.now().getEpochSecond() % 600 > 570) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
