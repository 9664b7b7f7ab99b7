package io.reef.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.WebhookReceiver;
import io.reef.support.Webhooks;

import static io.reef.support.Api.admin;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code reef.events.allow-private-targets=false} (the default outside tests), a webhook may
 * not target loopback, private, link-local, shared, unique-local, any-local or multicast
 * addresses: refused at registration, and again at delivery (a name may resolve differently
 * later; here the row is written directly, as if its host now resolved to loopback). A delivery
 * never made is retried until give-up-after (3 s here), then marked failed.
 */
@QuarkusTest
@TestProfile(PrivateWebhookTargetsAreRefusedTest.PrivateTargetsRefused.class)
class PrivateWebhookTargetsAreRefusedTest {

    public static class PrivateTargetsRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reef.events.allow-private-targets", "false", "reef.events.give-up-after", "3S");
        }
    }

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @Test
    void privateAndLocalTargetsAreRefusedAtRegistration() {
        int before = admin().queryParam("limit", 1000).get("/reef/admin/v1/webhooks").then().extract().jsonPath()
                .getList("$").size();
        for (String url : List.of("http://127.0.0.1:8081/hook", "http://localhost/hook", "http://10.1.2.3/",
                "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
                "http://0.0.0.0/", "http://100.64.0.1/", "http://224.0.0.1/", "http://[::1]/", "http://[fd00::1]/",
                "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "https://2130706433/")) {
            admin().body(Map.of("url", url, "events", List.of("tenant.budget.threshold")))
                    .post("/reef/admin/v1/webhooks").then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message",
                            anyOf(containsString("allow-private-targets"), containsString("cannot be resolved")));
        }
        assertEquals(before, admin().queryParam("limit", 1000).get("/reef/admin/v1/webhooks").then().extract()
                .jsonPath().getList("$").size());
    }

    @Test
    void aTargetThatResolvesPrivatelyAtDeliveryIsNeverSentToAndFailsAfterTheGiveUpHorizon() {
        simulator.reset();
        try (WebhookReceiver receiver = WebhookReceiver.startOnFreePort()) {
            UUID id = UUID.randomUUID();
            db.update("INSERT INTO webhook (id, url, event_types, secret, created_at) "
                    + "VALUES (CAST(?1 AS uuid), ?2, '{tenant.budget.threshold}', 'whsec_test', now())",
                    id.toString(), receiver.url());
            try {
                var t = Api.newTenant("0.02", "month");
                Webhooks.chargeOneCent(t, 8081, db, 1);
                Eventually.until("the delivery is given up", Duration.ofSeconds(15),
                        () -> "failed".equals(Webhooks.events("tenant.budget.threshold", t.id())
                                .getString("[0].deliveries[0].state")));
                String error = Webhooks.events("tenant.budget.threshold", t.id()).getString("[0].deliveries[0].last_error");
                assertTrue(error.contains("target refused"), error);
                assertEquals(0, receiver.received().size());
            } finally {
                admin().delete("/reef/admin/v1/webhooks/" + id).then().statusCode(200);
            }
        }
    }
}
