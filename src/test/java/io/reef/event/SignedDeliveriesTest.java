package io.reef.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.Management;
import io.reef.support.WebhookReceiver;
import io.reef.support.Webhooks;
import io.restassured.path.json.JsonPath;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries to a real HTTP receiver: signed exactly as the events guide (src/docs/guide/events.md) says, at least once (a
 * receiver
 * that was down gets every event once it is back, none twice; one whose answer was lost gets the
 * same Reef-Event-Id again).
 */
@QuarkusTest
class SignedDeliveriesTest {

    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");
    private static final String THRESHOLD = "tenant.budget.threshold";

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    WebhookReceiver receiver;
    Webhooks.Registered webhook;

    @BeforeEach
    void start() {
        simulator.reset();
        receiver = WebhookReceiver.startOnFreePort();
        webhook = Webhooks.register(receiver.url(), THRESHOLD);
    }

    @AfterEach
    void stop() {
        Webhooks.delete(webhook);
        receiver.close();
    }

    @Test
    void aThresholdEventArrivesSignedWithTheWebhooksSecret() throws Exception {
        var t = Api.newTenant("0.02", "month");
        Webhooks.chargeOneCent(t, 8081, db, 1); // 50% of $0.02

        Eventually.until("the event arrives", Duration.ofSeconds(10), () -> receiver.receivedContaining(t.id()).size() == 1);
        WebhookReceiver.Received r = receiver.receivedContaining(t.id()).get(0);
        Matcher signature = SIGNATURE.matcher(r.signature());
        assertTrue(signature.matches(), r.signature());
        long t0 = Long.parseLong(signature.group(1));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - t0) < 60, "t is the attempt's unix time");
        assertEquals(hmacHex(webhook.secret(), t0 + "." + r.body()), signature.group(2));
        assertTrue(r.contentType().startsWith("application/json"));

        JsonPath body = JsonPath.from(r.body());
        assertEquals(r.eventId(), body.getString("id"));
        assertEquals(THRESHOLD, body.getString("type"));
        assertTrue(Instant.parse(body.getString("created_at")).isBefore(Instant.now().plusSeconds(1)));
        assertEquals(t.id(), body.getString("data.tenant_id"));
        assertEquals(50, body.getInt("data.threshold_percent"));
        assertEquals("month", body.getString("data.period"));
        assertTrue(body.getString("data.period_start").endsWith("-01T00:00:00Z"), body.getString("data.period_start"));
        assertEquals("0.01", body.getString("data.spent_usd"));
        assertEquals("0.02", body.getString("data.limit_usd"));

        Eventually.until("the operator sees it delivered", Duration.ofSeconds(5),
                () -> "delivered".equals(Webhooks.events(THRESHOLD, t.id()).getString("[0].deliveries[0].state")));
        JsonPath listed = Webhooks.events(THRESHOLD, t.id());
        assertEquals(1, listed.getList("$").size());
        assertEquals(r.eventId(), listed.getString("[0].id"));
        assertEquals(webhook.id(), listed.getString("[0].deliveries[0].webhook_id"));
        assertEquals(1, listed.getInt("[0].deliveries[0].attempts"));
        assertEquals(200, listed.getInt("[0].deliveries[0].last_status"));
        assertEquals(50, listed.getInt("[0].data.threshold_percent"));
    }

    @Test
    void aReceiverThatWasDownGetsEveryEventOnceItIsBackAndNoneTwice() throws Exception {
        receiver.stop();
        var t = Api.newTenant("0.01", "month");
        Webhooks.chargeOneCent(t, 8081, db, 1); // 50, 80 and 100% at once
        Eventually.until("every delivery has failed at least twice", Duration.ofSeconds(15),
                () -> Webhooks.events(THRESHOLD, t.id()).getList("deliveries.attempts.flatten()", Integer.class)
                        .stream().filter(a -> a >= 2).count() == 3);
        assertEquals(0, receiver.receivedContaining(t.id()).size());

        receiver.start();
        Eventually.until("all three arrive", Duration.ofSeconds(10),
                () -> ids(receiver.receivedContaining(t.id())).size() == 3);
        Thread.sleep(2_500); // longer than the longest retry delay (max-backoff 1 s): a second copy would be here
        List<WebhookReceiver.Received> got = receiver.receivedContaining(t.id());
        assertEquals(3, got.size(), "each event exactly once");
        assertEquals(Set.of(50, 80, 100), got.stream().map(r -> JsonPath.from(r.body()).getInt("data.threshold_percent"))
                .collect(Collectors.toSet()));
        assertEquals(List.of("delivered", "delivered", "delivered"),
                Webhooks.events(THRESHOLD, t.id()).getList("deliveries.state.flatten()"));
    }

    @Test
    void anEventWhoseAcknowledgementWasLostArrivesAgainWithTheSameEventId() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        // takes the event, then answers 500 the first time (as if the receiver crashed before acknowledging)
        receiver.answer(r -> seen.add(r.eventId()) ? 500 : 200);
        var t = Api.newTenant("0.02", "month");
        Webhooks.chargeOneCent(t, 8081, db, 1);

        Eventually.until("it is delivered", Duration.ofSeconds(10),
                () -> "delivered".equals(Webhooks.events(THRESHOLD, t.id()).getString("[0].deliveries[0].state")));
        List<WebhookReceiver.Received> got = receiver.receivedContaining(t.id());
        assertEquals(2, got.size());
        assertEquals(got.get(0).eventId(), got.get(1).eventId());
        assertEquals(got.get(0).body(), got.get(1).body(), "the same bytes each time");
        assertEquals(2, Webhooks.events(THRESHOLD, t.id()).getInt("[0].deliveries[0].attempts"));
        Management.management().get("/q/metrics").then()
                .body(containsString("reef_event_deliveries_total{outcome=\"retried\"}"))
                .body(containsString("reef_event_deliveries_total{outcome=\"delivered\"}"));
    }

    @Test
    void anAnswerThatTimesOutIsNotAnAcknowledgement() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        receiver.answer(r -> {
            if (seen.add(r.eventId())) {
                sleep(3_000); // longer than reef.events.timeout (2 s in tests)
            }
            return 200;
        });
        var t = Api.newTenant("0.02", "month");
        Webhooks.chargeOneCent(t, 8081, db, 1);

        Eventually.until("it is delivered", Duration.ofSeconds(15),
                () -> "delivered".equals(Webhooks.events(THRESHOLD, t.id()).getString("[0].deliveries[0].state")));
        List<WebhookReceiver.Received> got = receiver.receivedContaining(t.id());
        assertEquals(2, got.size());
        assertEquals(got.get(0).eventId(), got.get(1).eventId());
        assertTrue(Webhooks.events(THRESHOLD, t.id()).getString("[0].deliveries[0].last_error") == null);
    }

    private static Set<String> ids(List<WebhookReceiver.Received> received) {
        return received.stream().map(WebhookReceiver.Received::eventId).collect(Collectors.toSet());
    }

    private static String hmacHex(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
