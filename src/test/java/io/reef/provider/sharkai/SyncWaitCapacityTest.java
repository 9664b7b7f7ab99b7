package io.reef.provider.sharkai;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synchronous Shark AI calls are awaited without a thread each: 1,000 tenants waiting at once on
 * a slow upstream all get their image, while Reef's worker pool stays small.
 */
@QuarkusTest
@TestProfile(SyncWaitCapacityTest.ProductionPollInterval.class)
class SyncWaitCapacityTest {

    /** Waiting requests poll the upstream every 2 s as in production (the other tests use 100 ms). */
    public static class ProductionPollInterval implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("reef.providers.sharkai.sync-poll-interval", "2S",
                    "reef.providers.sharkai.sync-max-poll-interval", "5S");
        }
    }

    static final int REQUESTS = 1_000;

    @Inject
    Simulator simulator;
    @Inject
    io.reef.support.Db db;

    @Test
    void aThousandWaitingSyncRequestsDoNotTakeAThreadEach() throws Exception {
        simulator.reset();
        // the upstream never finishes on its own within the test: the test finishes every task once it
        // has sampled, so how long the admissions took (it varies from machine to machine) cannot
        // shorten the window in which all 1,000 requests are waiting
        simulator.behaviour("sharkai", "slow-sync", Behaviour.builder().pendingMillis(600_000).runningMillis(0)
                .credit(new BigDecimal("400")).build());
        var t = Api.newTenant("1000", "month");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8081/api/v1/images/generations"))
                .header("Authorization", "Bearer " + t.key()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"slow-sync\",\"prompt\":\"p\"}")).build();

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            if (i % 10 == 9) {
                Thread.sleep(40); // arrivals at 250/s
            }
        }
        // Once every job has been submitted upstream, every request is just waiting on the upstream:
        // count the worker threads inside Reef's code meanwhile. A thread-per-request design would
        // pin one per waiting request (up to the pool's 200).
        // (or answered: a request that failed is reported below, with what it got)
        io.reef.support.Eventually.until("all requests are submitted upstream", Duration.ofSeconds(90),
                () -> db.upstreamIdsForTenant(t.id()).size()
                        + responses.stream().filter(CompletableFuture::isDone).count() >= REQUESTS);
        long submittedMs = (System.nanoTime() - start) / 1_000_000;
        int peakBusy = 0;
        int samples = 0;
        long sampleUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < sampleUntil) {
            peakBusy = Math.max(peakBusy, workersInReefCode());
            samples++;
            Thread.sleep(50);
        }
        long waiting = responses.stream().filter(f -> !f.isDone()).count();
        List<String> upstreamIds = db.upstreamIdsForTenant(t.id());
        upstreamIds.forEach(id -> simulator.finishNow("sharkai", id));

        // each request's outcome: its status code, or the client's failure (e.g. a connect timeout)
        List<String> outcomes = responses.stream().map(f -> f.handle((r, e) -> e != null
                ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : r.statusCode() == 200 ? "200" : r.statusCode() + " " + r.body()).join()).toList();
        var byStatus = outcomes.stream().collect(java.util.stream.Collectors.groupingBy(
                o -> o.length() > 3 ? o.substring(0, o.indexOf(' ') > 0 ? o.indexOf(' ') : o.length()) : o,
                java.util.stream.Collectors.counting()));
        String sample = outcomes.stream().filter(o -> !o.equals("200")).findFirst().orElse("");
        assertEquals(REQUESTS, waiting, "every request was still waiting while sampled: " + byStatus + " " + sample);
        assertEquals(java.util.Map.of("200", (long) REQUESTS), byStatus, "every waiting tenant gets its image: " + sample);
        assertTrue(samples >= 10, "sampled while all were waiting: " + samples);
        assertTrue(peakBusy < 50, "peak worker threads busy in Reef: " + peakBusy + " for " + REQUESTS + " waiting requests");
        System.out.printf("SyncWaitCapacityTest: %d sync requests submitted upstream after %d ms; peak worker threads"
                + " busy in Reef while all waited %d (%d samples); all answered %d ms after the start%n",
                REQUESTS, submittedMs, peakBusy, samples, (System.nanoTime() - start) / 1_000_000);
    }

    private static int workersInReefCode() {
        return (int) Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("executor-thread-"))
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("io.reef.")
                        && !isSimulator(f.getClassName())))
                .count();
    }

    /** The simulator core, or a provider's simulated API ({@code io.reef.provider.*.Simulated*}). */
    private static boolean isSimulator(String className) {
        return className.startsWith("io.reef.simulator.")
                || className.substring(className.lastIndexOf('.') + 1).startsWith("Simulated");
    }
}
