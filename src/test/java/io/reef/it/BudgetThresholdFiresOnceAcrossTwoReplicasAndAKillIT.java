package io.reef.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.AppProcess;
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.WebhookReceiver;
import io.reef.support.Webhooks;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tenant's budget thresholds (every 5% here) are crossed by charges recorded on two replicas
 * at once (this test's instance on 8081 and the packaged app on 8082, both reconciling), one of
 * which is killed with SIGKILL mid-way and restarted: every threshold fires exactly once, and the
 * receiver gets exactly one event id per threshold. The guarantee is the event's unique key in
 * PostgreSQL, so neither a second replica nor a restarted process (no memory of what fired) can
 * fire one twice.
 */
@QuarkusTest
class BudgetThresholdFiresOnceAcrossTwoReplicasAndAKillIT {

    private static final String THRESHOLD = "tenant.budget.threshold";
    private static final Map<String, String> FAST_LEASES = Map.of("reef.reconciler.lease", "2S");

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @Test
    void everyThresholdFiresOnceAcrossTwoReplicasAndAKillNine() {
        simulator.reset();
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(1_500).runningMillis(300).build());
        List<Integer> everyFivePercent = IntStream.rangeClosed(1, 20).map(i -> i * 5).boxed().toList();
        try (WebhookReceiver receiver = WebhookReceiver.startOnFreePort()) {
            Webhooks.Registered webhook = Webhooks.register(receiver.url(), THRESHOLD);
            try {
                var t = Api.newTenant("0.20", "month"); // twenty $0.01 jobs
                db.update("UPDATE tenant SET alert_thresholds_percent = CAST(?1 AS integer[]) WHERE id = CAST(?2 AS uuid)",
                        everyFivePercent.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")), t.id());

                AppProcess doomed = AppProcess.start(8082, FAST_LEASES);
                submit(t, 10, 8082);
                Eventually.until("the first charges are recorded", Duration.ofSeconds(30),
                        () -> db.ledgerEntriesForTenant(t.id()) >= 1);
                doomed.kill();
                Eventually.until("the surviving replica charges the rest", Duration.ofSeconds(60),
                        () -> db.ledgerEntriesForTenant(t.id()) == 10);

                try (AppProcess restarted = AppProcess.start(8082, FAST_LEASES)) {
                    submit(t, 10, 8082);
                    Eventually.until("all twenty are charged", Duration.ofSeconds(60),
                            () -> db.ledgerEntriesForTenant(t.id()) == 20);
                    Eventually.until("the receiver has every threshold", Duration.ofSeconds(30),
                            () -> receivedThresholds(receiver, t.id()).size() == 20);
                    Thread.sleep(2_000); // nothing more arrives
                }

                JsonPath events = Webhooks.events(THRESHOLD, t.id());
                assertEquals(everyFivePercent,
                        events.getList("data.threshold_percent", Integer.class).stream().sorted().toList(),
                        "each threshold exactly once");
                Map<Integer, Set<String>> idsByThreshold = receiver.receivedContaining(t.id()).stream().collect(
                        Collectors.groupingBy(r -> JsonPath.from(r.body()).getInt("data.threshold_percent"),
                                Collectors.mapping(WebhookReceiver.Received::eventId, Collectors.toSet())));
                assertEquals(Set.copyOf(everyFivePercent), idsByThreshold.keySet());
                idsByThreshold.forEach((percent, ids) -> assertEquals(1, ids.size(), percent + "% arrived as " + ids));
                assertEquals(20, db.distinctChargedJobs(t.id()));
            } finally {
                Webhooks.delete(webhook);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code n} jobs at once, alternating between this instance and the replica on {@code otherPort}. */
    private static void submit(Api.TestTenant t, int n, int otherPort) {
        List<Integer> statuses = Concurrently.run(n, i -> tenant(t.key()).port(i % 2 == 0 ? 8081 : otherPort)
                .body(Map.of("mode", "1k", "prompt", "p" + i)).post("/v1/generate").then().extract().statusCode());
        assertEquals(n, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
    }

    private static Set<Integer> receivedThresholds(WebhookReceiver receiver, String tenantId) {
        return receiver.receivedContaining(tenantId).stream()
                .map(r -> JsonPath.from(r.body()).getInt("data.threshold_percent")).collect(Collectors.toSet());
    }
}
