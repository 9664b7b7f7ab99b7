package io.reef.event;

import java.time.Duration;
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
import io.reef.support.UpstreamAccountStates;
import io.reef.support.WebhookReceiver;
import io.reef.support.Webhooks;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * upstream.account.alert: a provider refusing the reseller's own account on submit takes the
 * account out of rotation and raises one event through the outbox (with the log line and the
 * metric); the refusals that follow meet an account already out, so a burst is one event; once an
 * operator sets the account active, the next refusal is another. The event never carries a key.
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
        UpstreamAccountStates.allActive();
        // earlier tests in this run may have raised alerts
        db.update("DELETE FROM event_delivery WHERE event_seq IN (SELECT seq FROM event WHERE type = ?1)", ALERT);
        db.update("DELETE FROM event WHERE type = ?1", ALERT);
        receiver = WebhookReceiver.startOnFreePort();
        webhook = Webhooks.register(receiver.url(), ALERT);
    }

    @AfterEach
    void stop() {
        Webhooks.delete(webhook);
        receiver.close();
        UpstreamAccountStates.allActive();
    }

    @Test
    void aBurstOf402sOnSubmitIsOneEventOneLogLineAndTheAccountIsOutUntilAnOperatorActs() {
        var t = Api.newTenant("10", "month");
        simulator.injectFault("sharkapi", Operation.SUBMIT, 402, 5);
        try (LogCapture log = LogCapture.of("io.reef.upstream")) {
            for (int i = 0; i < 5; i++) {
                tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p" + i)).post("/v1/generate").then().statusCode(503)
                        .header("Retry-After", notNullValue());
            }
            Eventually.until("the alert is logged", Duration.ofSeconds(5),
                    () -> log.containing("OPERATOR ALERT", "sharkapi answered 402").size() == 1);
        }
        assertEquals(4, simulator.pendingFaults("sharkapi", Operation.SUBMIT),
                "only the first submit reached the provider: the account is out of rotation");
        Management.management().get("/q/metrics").then()
                .body(containsString("reef_upstream_account_alerts_total{provider=\"sharkapi\",status=\"402\"}"));
        Eventually.until("the event is written", Duration.ofSeconds(5), () -> alerts().getList("$").size() == 1);

        UpstreamAccountStates.allActive(); // the operator topped the account up
        simulator.reset();
        simulator.injectFault("sharkapi", Operation.SUBMIT, 403, 1);
        tenant(t.key()).body(Map.of("mode", "1k", "prompt", "p")).post("/v1/generate").then().statusCode(503);
        Eventually.until("a refusal after re-activation is another event", Duration.ofSeconds(5),
                () -> alerts().getList("$").size() == 2);

        JsonPath events = alerts();
        assertEquals(List.of(403, 402), events.getList("data.status", Integer.class));
        assertEquals(List.of("sharkapi", "sharkapi"), events.getList("data.provider"));
        assertEquals(List.of("default", "default"), events.getList("data.account"));
        Eventually.until("both reach the receiver", Duration.ofSeconds(10), () -> receiver.received().size() == 2);
        for (WebhookReceiver.Received r : receiver.received()) {
            assertFalse(r.body().contains("sk_live_test_sharkapi_upstream"), "never the reseller's key");
            assertEquals(ALERT, JsonPath.from(r.body()).getString("type"));
            assertFalse(JsonPath.from(r.body()).getString("data.message").isBlank());
        }
        assertEquals(2, alerts().getList("$").size(), "one per refusal of an account in rotation");
    }

    private static JsonPath alerts() {
        return Webhooks.events(ALERT, null);
    }
}
